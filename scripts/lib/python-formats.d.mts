export declare class PyTuple {
  constructor(items: unknown[]);
  items: unknown[];
}
export declare class PyFloat {
  constructor(value: number);
  value: number;
}
export declare class PyObject {
  constructor(
    module: string,
    name: string,
    args?: unknown[],
    state?: Record<string, unknown> | null,
  );
  module: string;
  name: string;
  args: unknown[];
  state: Record<string, unknown> | null;
}
export declare function pickle(value: unknown): Buffer;
export declare function pyJson(value: unknown): string;
export declare function pyRepr(value: unknown): string;
