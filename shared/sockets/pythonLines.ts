import type { Family, Payload, Protocol, SocketOption } from '../schemas/sockets.js';

/**
 * The line of Python the syllabus would write for each step, beside the step itself: the lab puts
 * it in every call event, and the UI shows it before a step is taken. `s` is the socket's variable.
 */

const PREVIEW = 40;
const quote = (text: string): string => JSON.stringify(text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text);
const address = (host: string, port: number): string => `(${JSON.stringify(host)}, ${port})`;
const data = (payload: Payload): string => ('text' in payload ? `${quote(payload.text)}.encode(${JSON.stringify(payload.encoding === 'gbk' ? 'gbk' : 'utf-8')})` : 'data');

/** How a blocking call is set up in Python: the socket's mode, then the call. */
export const blockingPrefix = (s: string, block: boolean, timeout: number | undefined): string =>
  !block ? `${s}.setblocking(False); ` : timeout !== undefined ? `${s}.settimeout(${timeout}); ` : '';

export const pythonLines = {
  socket: (s: string, protocol: Protocol, family: Family): string =>
    `${s} = socket.socket(socket.${family === 'IPv6' ? 'AF_INET6' : 'AF_INET'}, socket.${protocol === 'tcp' ? 'SOCK_STREAM' : 'SOCK_DGRAM'})`,
  setsockopt: (s: string, option: SocketOption, value: boolean | number | { on: boolean; seconds: number }): string => {
    const level = option === 'TCP_DEFER_ACCEPT' ? 'socket.IPPROTO_TCP' : 'socket.SOL_SOCKET';
    const text =
      typeof value === 'object' ? `struct.pack("ii", ${value.on ? 1 : 0}, ${value.seconds})` : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    return `${s}.setsockopt(${level}, socket.${option}, ${text})`;
  },
  bind: (s: string, host: string, port: number): string => `${s}.bind(${address(host, port)})`,
  listen: (s: string, backlog: number): string => `${s}.listen(${backlog})`,
  accept: (s: string, conn: string): string => `${conn}, addr = ${s}.accept()`,
  connect: (s: string, host: string, port: number): string => `${s}.connect(${address(host, port)})`,
  send: (s: string, payload: Payload): string => `${s}.send(${data(payload)})`,
  sendto: (s: string, payload: Payload, host: string, port: number): string => `${s}.sendto(${data(payload)}, ${address(host, port)})`,
  recv: (s: string, bufsize: number): string => `data = ${s}.recv(${bufsize})`,
  recvfrom: (s: string, bufsize: number): string => `data, addr = ${s}.recvfrom(${bufsize})`,
  shutdown: (s: string, how: 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR'): string => `${s}.shutdown(socket.${how})`,
  close: (s: string): string => `${s}.close()`,
};
