/**
 * Pure pieces of the target and wire settings, unit-tested without VS Code: how a target's
 * environment shows in the status bar (a production target stands out), and the daemon flags of
 * the wire front door setting (`asp.wire.listen`), its password passed as an `${env:...}`
 * reference so it never shows in a process listing.
 */

export interface TargetLook {
  icon: string;
  /** A ThemeColor id for the item's background; undefined = the normal status bar. */
  background?: string;
  /** A ThemeColor id for the text. */
  foreground?: string;
  /** Said in the tooltip and the picker. */
  label: string;
}

/** The status bar only has error and warning backgrounds: production is the error one. */
export function targetLook(environment: string): TargetLook {
  switch (environment) {
    case 'production':
      return { icon: '$(flame)', background: 'statusBarItem.errorBackground', foreground: 'statusBarItem.errorForeground', label: 'production' };
    case 'staging':
      return { icon: '$(cloud)', background: 'statusBarItem.warningBackground', foreground: 'statusBarItem.warningForeground', label: 'staging' };
    case 'local':
      return { icon: '$(vm)', label: 'this machine' };
    default:
      return { icon: '$(cloud)', label: environment };
  }
}

export interface WireSetting {
  /** `asp.wire.listen`: "" = off, "27017", "127.0.0.1:27017". */
  listen: string;
  /** `asp.wire.user`: "" = no authentication (loopback only). */
  user: string;
  /** From SecretStorage. */
  password?: string;
}

/** Extra daemon arguments and environment for the wire setting; none when it is off. */
export function wireLaunch(w: WireSetting): { args: string[]; env: Record<string, string> } {
  const listen = w.listen.trim();
  if (listen === '') return { args: [], env: {} };
  const args = ['--wire', listen];
  const env: Record<string, string> = {};
  if (w.user.trim() !== '' && w.password) {
    // The daemon reads the password from this variable (docs/wire.md); it never is an argument.
    args.push('--wire-user', w.user.trim(), '--wire-password', '${env:ASP_WIRE_PASSWORD}');
    env['ASP_WIRE_PASSWORD'] = w.password;
  }
  return { args, env };
}
