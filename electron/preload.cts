// Sandboxed preload: CommonJS, and nothing but the two channels of shared/bridge.ts.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENTS, type LoopscopeBridge } from '../shared/bridge.js';
import type { EventBatchType } from '../shared/contract.js';

const bridge: LoopscopeBridge = {
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params),
  onEvents(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatchType): void => listener(batch);
    ipcRenderer.on(IPC_EVENTS, forward);
    return () => ipcRenderer.off(IPC_EVENTS, forward);
  },
};

contextBridge.exposeInMainWorld('loopscope', bridge);
