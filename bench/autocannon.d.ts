// autocannon ships no types; only what bench/run.ts uses is declared.
declare module 'autocannon' {
  interface Result {
    requests: { average: number; total: number };
    /** Seconds the run took. */
    duration: number;
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    '2xx': number;
  }
  function autocannon(options: Record<string, unknown>): Promise<Result>;
  export default autocannon;
}
