import { readFileSync } from 'node:fs';

/**
 * uid → user name from /etc/passwd, read again only when a uid appears that it does not list (a user
 * added since), at most once a minute; a uid it never lists is shown as its number, as ps does.
 */
export class UserNames {
  private names = new Map<number, string>();
  private readAt = -Infinity;

  constructor(private readonly path = '/etc/passwd') {}

  nameOf(uid: number): string {
    let name = this.names.get(uid);
    if (name === undefined && performance.now() - this.readAt > 60_000) {
      this.names = this.read();
      name = this.names.get(uid);
    }
    return name ?? String(uid);
  }

  private read(): Map<number, string> {
    this.readAt = performance.now();
    const names = new Map<number, string>();
    try {
      for (const line of readFileSync(this.path, 'utf8').split('\n')) {
        const [name, , uid] = line.split(':');
        if (name && uid && !names.has(Number(uid))) names.set(Number(uid), name);
      }
    } catch {
      // No passwd file (a container without one): every user shows as its uid.
    }
    return names;
  }
}
