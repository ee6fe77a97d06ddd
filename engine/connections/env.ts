/**
 * `${env:NAME}` references: how a registry entry names a secret without holding it. The file
 * keeps the reference; the value is read from the environment when a client connects.
 */

/** A whole value that is one `${env:NAME}` reference (what a secret field must be in a file). */
export const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

export const isEnvRef = (v: unknown): v is string => typeof v === 'string' && ENV_REF.test(v);

/** Replace `${env:NAME}` references; a missing variable is an error naming it. */
export function resolveEnv(s: string, env: NodeJS.ProcessEnv = process.env): string {
  return s.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`environment variable ${name} is not set (referenced as \${env:${name}})`);
    return v;
  });
}
