// Types of scripts/bundles.mjs for the TypeScript tests that import it.
import type { BuildOptions, Plugin } from 'esbuild';

export declare const connectorRuntimesLeftOut: Plugin;
export declare function nodeOptions(opts?: { production?: boolean }): BuildOptions;
export declare function bundles(root: string, opts?: { production?: boolean }): Record<'client' | 'server' | 'daemon' | 'panel', BuildOptions>;
export declare function e2eOptions(root: string): BuildOptions;
