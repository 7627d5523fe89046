/**
 * The Electron shell: one window with locked-down preferences, the renderer from app:// (or the
 * dev server), the contract over the two IPC channels of shared/bridge.ts, and a quit that first
 * ends every process the lab started. Its decisions are pure functions in ./shell, tested in
 * plain Node; this file only wires them to Electron.
 */
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  protocol,
  session,
  utilityProcess,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';
import { IPC_CALL, IPC_EVENTS, IPC_MENU } from '../shared/bridge.js';
import { contentSecurityPolicy } from '../shared/contentSecurityPolicy.js';
import type { Envelope } from '../shared/jsonRpc.js';
import { ErrorCode } from '../shared/rpcError.js';
import { Lab } from './lab/lab.js';
import { withTimeout } from './lab/processes/withTimeout.js';
import { appMenuTemplate } from './shell/appMenu.js';
import { APP_SCHEME, appSchemePrivileges, resolveAppFile } from './shell/appProtocol.js';
import { isAllowedNavigation } from './shell/navigationPolicy.js';
import { type RendererLocation, rendererLocation } from './shell/rendererLocation.js';
import { isTrustedSender } from './shell/senderPolicy.js';
import { utilityProcessLauncher } from './shell/utilityProcessLauncher.js';
import { windowBackground, windowOptions } from './shell/windowOptions.js';
import { RpcSession } from './transport/rpcSession.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// Privileged schemes can only be registered before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: appSchemePrivileges }]);

if (app.requestSingleInstanceLock()) {
  start(rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL }));
} else {
  app.quit(); // the running instance focuses its window (second-instance below)
}

function start(renderer: RendererLocation): void {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => confine(contents, renderer.origin));

  app
    .whenReady()
    .then(() => {
      const lab = new Lab({
        host: 'electron',
        appVersion: app.getVersion(),
        // /bin/sh cannot read inside app.asar: electron-builder unpacks the script (build/electron-builder.json).
        entries: { taskChild: here('./taskChild.js'), guardian: here('./guardian.sh').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`) },
        launcher: utilityProcessLauncher(utilityProcess, app),
        settingsFolder: app.getPath('userData'),
      });
      endLabBeforeQuitting(lab);
      denyPermissions(session.defaultSession);
      serveRenderer(session.defaultSession, renderer);
      answerCalls(lab, renderer.origin);
      const command = (name: string): void => window?.webContents.send(IPC_MENU, name);
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ dev: renderer.dev, mac: process.platform === 'darwin', locale: app.getLocale(), command })));

      const open = (): void => {
        window = createWindow(renderer);
        window.on('closed', () => (window = null));
      };
      open();
      app.on('activate', () => {
        if (!window) open(); // macOS: the dock icon reopens the window
      });
      app.on('window-all-closed', () => {
        if (process.platform !== 'darwin') app.quit();
      });
    })
    .catch((error: Error) => {
      console.error(`Loopscope could not start: ${error.stack ?? error.message}`);
      app.exit(1);
    });
}

function createWindow(renderer: RendererLocation): BrowserWindow {
  const window = new BrowserWindow(windowOptions({ preload: here('../preload/preload.cjs'), dark: nativeTheme.shouldUseDarkColors }));
  const followTheme = (): void => window.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors));
  nativeTheme.on('updated', followTheme);
  window.once('closed', () => nativeTheme.off('updated', followTheme));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(renderer.url);
  return window;
}

/** Every web contents, the window's and any other: no navigation away, no new windows, no <webview>. */
function confine(contents: WebContents, appOrigin: string): void {
  const refuse = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  };
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The renderer asks for nothing (no camera, notifications, clipboard reads…): every request is refused. */
function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Production: the built renderer over app://, each response with the strict CSP. Development:
 * the dev server's pages get the development CSP, which allows its hot reload.
 */
function serveRenderer(target: Session, renderer: RendererLocation): void {
  if (renderer.dev) {
    const policy = contentSecurityPolicy({ dev: true });
    target.webRequest.onHeadersReceived({ urls: [`${renderer.origin}/*`] }, (details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } }),
    );
    return;
  }
  const rendererDir = here('../renderer');
  const headers = { 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' };
  const notFound = (): Response => new Response('Not found', { status: 404, headers });
  target.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return notFound();
    // net.fetch of the file: URL gives the MIME type; a missing file (or a folder) rejects.
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response?.ok) return notFound();
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, headers: merged });
  });
}

/**
 * One RpcSession per web contents, opened on its first call and closed when it is destroyed or
 * starts loading another document (a reload subscribes again). Calls from any frame that is not
 * the app's own page are refused before they reach the session.
 */
function answerCalls(lab: Lab, appOrigin: string): void {
  const sessions = new Map<WebContents, RpcSession>();
  const watched = new WeakSet<WebContents>();
  const close = (contents: WebContents): void => {
    sessions.get(contents)?.close();
    sessions.delete(contents);
  };
  const watch = (contents: WebContents): void => {
    if (watched.has(contents)) return;
    watched.add(contents);
    contents.once('destroyed', () => close(contents));
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) close(contents);
    });
  };
  const sessionFor = (contents: WebContents): RpcSession => {
    let rpc = sessions.get(contents);
    if (!rpc) {
      rpc = new RpcSession(lab, (batch) => {
        if (contents.isDestroyed()) return false;
        contents.send(IPC_EVENTS, batch);
        return true;
      });
      sessions.set(contents, rpc);
      watch(contents);
    }
    return rpc;
  };
  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame?.url, appOrigin)) {
      return { ok: false, error: { code: ErrorCode.NotPermitted, message: 'Refused: this call did not come from the Loopscope window.' } };
    }
    return sessionFor(event.sender).call(String(method), params);
  });
}

/**
 * Quitting waits for the lab to end every process it started (a second quit meanwhile waits too),
 * but not forever: after QUIT_WAIT_MS it quits anyway, and the guardian ends whatever is left.
 */
const QUIT_WAIT_MS = 8000;
function endLabBeforeQuitting(lab: Lab): void {
  let ended = false;
  app.on('before-quit', (event) => {
    if (ended) return;
    event.preventDefault();
    withTimeout(lab.dispose(), QUIT_WAIT_MS)
      .catch((error: Error) => console.error(`Loopscope: ending the lab's processes failed: ${error.message}`))
      .finally(() => {
        ended = true;
        app.quit();
      });
  });
}
