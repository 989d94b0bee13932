// The PostgreSQL server every benchmark creates its throwaway database on (an admin connection).
export const BENCH_ADMIN_URL = process.env.COUNTERSIGN_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
