/** Building blocks of the layer tree: a field with its bytes, and the places of each kind of layer. */
import type { LayerPlace, PacketField } from './types.js';

export function field(name: string, label: string, value: string | number | boolean, offset: number, length: number, bitmask?: number, children?: PacketField[]): PacketField {
  const result: PacketField = { name, label, value, offset, length };
  if (bitmask !== undefined) result.bitmask = bitmask;
  if (children !== undefined) result.children = children;
  return result;
}

export const hex = (value: number, digits: number): string => `0x${value.toString(16).padStart(digits, '0')}`;

export const LINK: LayerPlace = { osiLayer: 2, osiName: 'Data link', tcpIpLayer: 'Link' };
export const NETWORK: LayerPlace = { osiLayer: 3, osiName: 'Network', tcpIpLayer: 'Internet' };
export const TRANSPORT: LayerPlace = { osiLayer: 4, osiName: 'Transport', tcpIpLayer: 'Transport' };
export const APPLICATION: LayerPlace = { osiLayer: 7, osiName: 'Application', tcpIpLayer: 'Application' };
