export declare const INSTALL_HINT: string;
export declare function hasRedisServer(): boolean;
export declare function freePort(): Promise<number>;
export type RedisProcess = {
  port: number;
  pid: number;
  url: string;
  dir: string;
  stop: () => Promise<void>;
  pause: () => void;
  resume: () => void;
};
export declare function startRedis(options?: {
  args?: string[];
  port?: number;
}): Promise<RedisProcess>;
export declare function tempPath(prefix: string): string;
