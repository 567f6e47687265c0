/**
 * How both stores turn PostgreSQL's text into JavaScript values: node-postgres's type parsers (pg-types), given to
 * the PostgreSQL adapter's pool and used by the embedded one, which reads PGlite's answers with pg-protocol. One
 * set of parsers, so a value reads the same from either store.
 */
import pg from 'pg';

const INT8 = 20;

export const pgTypes = {
  getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): (value: string) => unknown {
    // int8 (count(*)) as numbers: our counts stay far below 2^53.
    if (oid === INT8 && format === 'text') return Number;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};
