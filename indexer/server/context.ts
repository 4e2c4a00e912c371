import type pg from "pg";

/** What every route needs: the database and where Ponder's tables are. */
export interface ApiContext {
  pool: pg.Pool;
  /** Ponder's schema, quoted for SQL. */
  schema: string;
  /** Ponder's schema as configured (unquoted). */
  rawSchema: string;
  chainId: number;
  rpcUrl: string;
}
