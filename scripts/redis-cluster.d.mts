export declare const REDIS_SERVER: string;
export declare const REDIS_CLI: string;
export declare function hasRedis(): boolean;
export declare function ensureRedis(opts?: { log?: (s: string) => void; error?: (s: string) => void }): boolean;
export interface LocalCluster {
  /** The nodes as HOST:PORT,HOST:PORT…, for a redis:// store address. */
  seeds: string;
  ports: number[];
  masters(): number[];
  masterOf(key: string): number | undefined;
  kill(port: number): void;
  healed(ms?: number): Promise<void>;
  stop(): void;
}
export declare function startCluster(opts?: { masters?: number; replicas?: number; nodeTimeoutMs?: number }): Promise<LocalCluster>;
