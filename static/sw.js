// KMS Playground's service worker: after the first visit the app works
// offline (workshops run on poor Wi-Fi). On install it reads index.html to
// learn the hashed file names Trunk gave the build and caches them all.
// Pages are fetched network-first (so a new build is picked up when online);
// everything else cache-first.
const CACHE = 'kms-playground-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch('./index.html', { cache: 'no-cache' });
  const html = await index.clone().text();
  const assets = [...html.matchAll(/(?:href|src|module_or_path)[=:]\s*['"]?\.\/([^'"\s>]+)/g)].map((m) => './' + m[1]);
  await cache.put('./index.html', index);
  await cache.put('./', new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  await Promise.all([...new Set(assets)].map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).then((response) => {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put('./index.html', copy));
      return response;
    }).catch(async () => (await caches.match(request, { ignoreSearch: true })) || caches.match('./index.html')));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  })));
});
