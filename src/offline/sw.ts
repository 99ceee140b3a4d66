// The service worker: after the first visit the whole lab (page, Monaco, its workers, the engine
// and its catalog) opens and runs with no server. Built by vite.config.ts (offlinePlugin) as
// dist/sw.js, with the list of every built file put in place of PRECACHE below. No imports: this
// file must stand alone.
//
// Updates: a new deploy changes the list (file names carry content hashes), so the browser sees a
// new sw.js, installs it beside the old one and leaves it waiting; the page offers "Reload to
// update" (src/offline/register.ts) and only then is it told to take over.
/// <reference lib="webworker" />
export {};
declare const self: ServiceWorkerGlobalScope;

/** Replaced at build time: the files to precache (relative to this script) and their digest. */
const PRECACHE = '__PRECACHE_MANIFEST__' as unknown as { version: string; files: string[] };

const PREFIX = 'karpenter-lab-';
const CACHE = `${PREFIX}${PRECACHE.version}`;
const scope = () => self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files.map((f) => new URL(f, scope()).href))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      // The first visit's page is controlled at once, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(scope())) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any page of the scope is the one-page app (its state lives in the fragment).
      const key = request.mode === 'navigate' ? scope() : request;
      // ignoreVary: servers send `Vary: Origin`, and module scripts are requested with an Origin
      // the precache's requests did not have; each precached URL is one exact file.
      const hit = await cache.match(key, {
        ignoreSearch: request.mode === 'navigate',
        ignoreVary: true,
      });
      return hit ?? fetch(request);
    })(),
  );
});
