import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { CONNECT_SOURCES } from './lib/models/hosts';
import { ACTIONS } from './lib/actions';

const commands = Object.fromEntries(
  ACTIONS.filter((a) => a.command).map((a) => [
    a.id,
    { suggested_key: { default: a.command!.suggestedKey }, description: `__MSG_${a.command!.description}__` },
  ]),
);

// A store build embeds WebLLM's model libraries from a local folder (see lib/models/embedded-libs.ts).
const libDir = process.env.LOCAL_AI_MODEL_LIBS ? resolve(process.env.LOCAL_AI_MODEL_LIBS) : null;
if (libDir && !existsSync(libDir)) throw new Error(`LOCAL_AI_MODEL_LIBS: no folder at ${libDir}`);
const embeddedLibs = libDir ? readdirSync(libDir).filter((f) => f.endsWith('.wasm')) : [];

const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icons/icon-${size}.png`]));

// See README "Architecture": the manifest grants only what the engine host needs.
export default defineConfig({
  outDir: process.env.LOCAL_AI_OUT_DIR ?? '.output',
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const name of embeddedLibs)
        files.push({ absoluteSrc: join(libDir!, name), relativeDest: `model-libs/${name}` });
    },
  },
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    // Strings from public/_locales (lib/i18n/i18n.ts): English, German, Arabic.
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    minimum_chrome_version: '116',
    permissions: [
      'offscreen',
      'sidePanel',
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'declarativeNetRequestWithHostAccess',
    ],
    // Model servers on this machine (Ollama, LM Studio, llama.cpp's server): reached without CORS,
    // and Ollama's Origin check is answered by a header rule.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // Any other server the user adds (Ollama on the LAN, a team's vLLM, any cloud API): its origin
    // is requested from the user's click in Settings → Providers (permissions.request) and can be
    // revoked there or in the browser; the engine host uses a provider only while it is granted.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    commands,
    // Cross-origin isolation for extension pages, so the engine host and its Worker get
    // SharedArrayBuffer and llama.cpp runs on every core. "credentialless" rather than
    // "require-corp": model hosts and local servers answer CORS, but a resource without CORP
    // (an image in a rendered answer) would otherwise fail to load instead of loading without cookies.
    cross_origin_embedder_policy: { value: 'credentialless' },
    cross_origin_opener_policy: { value: 'same-origin' },
    // Drawn in public/icons/icon.svg; the PNGs are renders of it at each size.
    icons: ICONS,
    action: { default_title: '__MSG_action_title__', default_icon: ICONS },
    content_security_policy: {
      // As tight as the extension's pages need (README "Security"): everything from the extension
      // itself; every WebAssembly engine (llama.cpp, WebLLM's model libraries, DuckDB) needs
      // 'wasm-unsafe-eval'. connect-src allows http and https generally: providers are servers the
      // user names at run time (LAN, any cloud), which no fixed list can hold. What is fetched is
      // decided in the engine host, where every request passes: a provider only if the user added
      // it and its origin is granted now (lib/providers/provider-policy.ts), model files only from
      // the model hosts and this machine (isModelUrl, before fetching and after redirects). No
      // image, frame, style or font from anywhere else: a prompt-injected answer cannot make a
      // view load a URL that carries page text away (answers are sanitised as well).
      extension_pages: [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "object-src 'none'",
        "img-src 'self' data:",
        "frame-src 'none'",
        "media-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        `connect-src ${CONNECT_SOURCES.join(' ')}`,
      ].join('; '),
    },
  },
  vite: () => ({
    define: {
      // Test seams (synthetic engine, runAction) only in `npm run build:test`: lib/settings/build-flags.ts.
      'import.meta.env.LOCAL_AI_TEST_HOOKS': JSON.stringify(process.env.LOCAL_AI_TEST_HOOKS === '1'),
      'import.meta.env.LOCAL_AI_EMBEDDED_LIBS': JSON.stringify(JSON.stringify(embeddedLibs)),
    },
    build: { target: 'chrome116', chunkSizeWarningLimit: 8000 },
    worker: { format: 'es' },
  }),
});
