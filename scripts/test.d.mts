// Types of scripts/test.mjs for the tests that import it.
export declare function needsInstall(dir?: string): boolean;
export declare function vitestFailures(out: string): string[];
export declare function main(): Promise<boolean>;
