import type pg from "pg";

/** What every route needs: the database and where Ponder's tables are. */
export interface ApiContext {
  pool: pg.Pool;
  /** Ponder's schema, quoted for SQL. */
  schema: string;
  chainId: number;
  rpcUrl: string;
}
