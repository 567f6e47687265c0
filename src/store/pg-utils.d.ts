/** node-postgres's value preparation, which @types/pg does not describe: how `pg` turns a parameter into text. */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null; escapeIdentifier(name: string): string };
  export default utils;
}
