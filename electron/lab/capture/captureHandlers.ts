import type { HandlersOf } from '../handlerTypes.js';
import type { PacketCapture } from './packetCapture.js';

export const captureHandlers = (capture: PacketCapture): HandlersOf<'capture'> => ({
  'capture.status': async () => capture.status(),
  'capture.start': async ({ scope }) => capture.start(scope),
  'capture.stop': async () => capture.stop(),
  'capture.pause': async ({ paused }) => capture.pause(paused),
  'capture.clear': async () => capture.clear(),
  'capture.packets': async ({ offset, limit, filter }) => capture.page(offset, limit, filter),
  'capture.packet': async ({ number }) => capture.packet(number),
  'capture.exportPcap': async ({ filter, part }) => capture.exportFile('pcap', filter, part),
  'capture.exportPcapng': async ({ filter, part }) => capture.exportFile('pcapng', filter, part),
  'capture.importPcap': async (params) => capture.importPart(params),
  'capture.httpExchanges': async (params) => capture.http.list(params),
});
