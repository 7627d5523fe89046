/**
 * Where the HTTP view's links lead: an exchange's socket in the Sockets view, a pid in the Processes view. The app has
 * no router; views are switched by the shell (App.vue), so a link is a request it answers: a `loopscope:reveal` event
 * on window with what to reveal. Kept in one place so the view that shows sockets, and the shell, have one thing to
 * listen to.
 */
export type RevealRequest =
  | { view: 'sockets'; tuple: { localAddress: string; localPort: number; remoteAddress: string; remotePort: number } }
  | { view: 'processes'; pid: number };

export const REVEAL_EVENT = 'loopscope:reveal';

const reveal = (request: RevealRequest): void => void window.dispatchEvent(new CustomEvent<RevealRequest>(REVEAL_EVENT, { detail: request }));

export function useLinks() {
  return {
    showSocket: (tuple: Extract<RevealRequest, { view: 'sockets' }>['tuple']) => reveal({ view: 'sockets', tuple }),
    showProcess: (pid: number) => reveal({ view: 'processes', pid }),
  };
}
