import type { EventBatchType, MethodName, ParamsIn, Result } from '../../shared/contract.js';
import { fromEnvelope } from '../../shared/jsonRpc.js';
import type { ConnectionStatus, Transport } from './transport.js';

/** The renderer's typed view of the contract; both transports throw the same RpcError on failure. */
export interface Api {
  readonly transport: Transport['kind'];
  call<M extends MethodName>(method: M, ...params: {} extends ParamsIn<M> ? [ParamsIn<M>?] : [ParamsIn<M>]): Promise<Result<M>>;
  onEvents(listener: (batch: EventBatchType) => void): void;
  onStatus(listener: (status: ConnectionStatus) => void): void;
}

export function createApi(transport: Transport): Api {
  return {
    transport: transport.kind,
    call: async (method, ...params) => fromEnvelope(await transport.call(method, params[0] ?? {})) as never,
    onEvents: (listener) => transport.onEvents(listener),
    onStatus: (listener) => transport.onStatus(listener),
  };
}
