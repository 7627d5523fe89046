// Sandboxed preload: CommonJS, and nothing but the channels of shared/bridge.ts.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENTS, IPC_MENU, type LoopscopeBridge, type MenuCommand } from '../shared/bridge.js';
import type { EventBatchType } from '../shared/contract.js';

const bridge: LoopscopeBridge = {
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params),
  onEvents(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatchType): void => listener(batch);
    ipcRenderer.on(IPC_EVENTS, forward);
    return () => ipcRenderer.off(IPC_EVENTS, forward);
  },
  onMenu(listener) {
    const forward = (_event: IpcRendererEvent, command: MenuCommand): void => listener(command);
    ipcRenderer.on(IPC_MENU, forward);
    return () => ipcRenderer.off(IPC_MENU, forward);
  },
};

contextBridge.exposeInMainWorld('loopscope', bridge);
