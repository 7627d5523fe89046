import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';

const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const config = json('build/electron-builder.json');

/**
 * The targets electron-builder 26 builds per platform: the names its linux, mac and win packagers'
 * createTargets recognise, plus the archive formats and `dir` common to all. It compares them lowercased.
 */
const common = ['7z', 'zip', 'tar.xz', 'tar.lz', 'tar.gz', 'tar.bz2', 'dir'];
const knownTargets = {
  linux: ['appimage', 'snap', 'flatpak', 'deb', 'rpm', 'sh', 'freebsd', 'pacman', 'apk', 'p5p', ...common],
  mac: ['default', 'dmg', 'pkg', 'mas', 'mas-dev', ...common],
  win: ['nsis', 'portable', 'nsis-web', 'squirrel', 'appx', 'msi', 'msiwrapped', ...common],
};

describe('electron-builder config', () => {
  test("is valid against electron-builder's own schema", () => {
    const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true });
    const validate = ajv.compile(json('node_modules/app-builder-lib/scheme.json'));
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
  }, 30_000); // compiling electron-builder's large schema takes seconds on a busy machine

  test('spells out every fuse, RunAsNode off: the guardian is a shell script', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(readFileSync('build/README.md', 'utf8')).toMatch(/`runAsNode` \| off \| The guardian/);
    // /bin/sh cannot read a file inside app.asar, nor can a child load koffi's binary from it.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['out/main/guardian.sh', 'node_modules/koffi/**']));
  });

  test.each(Object.entries(knownTargets))('names only targets %s has', (platform, known) => {
    const targets = (config[platform] as { target?: unknown } | undefined)?.target;
    expect(Array.isArray(targets) && targets.length > 0, `${platform}.target lists targets`).toBe(true);
    for (const target of targets as string[]) expect(known).toContain(target.toLowerCase());
  });

  test('packages the built app into an asar, with the icon and output where the scripts expect them', () => {
    expect(config).toMatchObject({ productName: 'Loopscope', asar: true, files: ['out/**', 'package.json'], directories: { output: 'dist' } });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Development', maintainer: expect.stringMatching(/^.+ <.+@.+>$/) });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(existsSync(config.icon as string)).toBe(true);
    const png = readFileSync(config.icon as string);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]); // IHDR width and height
    expect(json('package.json').main).toBe('out/main/main.js');
  });
});
