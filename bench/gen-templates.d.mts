// Types for tests that parse the generated benchmark templates.
export declare const GENERATOR_VERSION: string;
/** Writes `count` template files (deterministic) under `out`. */
export declare function generate(count: number, out: string): void;
/** Whether `out` holds files of the current generator version. */
export declare function isCurrent(out: string): boolean;
