/* The app's service worker: offline reading and push messages (readwire/site/pwa.py serves it).

   - The shell (stylesheet, script, icons, the offline page) is precached on install.
   - Pages come from the network first. Story pages the reader opens are kept: the last few read
     in one cache, the saved ones (the page says so in X-Readwire-Saved) in another. Offline, a
     kept copy is shown, or else the offline page.
   - Static files are served from the cache and refreshed in the background.
   - A push message {title, body, url, tag} becomes a notification; a click opens its url.
*/
"use strict";

const CONFIG = {{ config }};
const SHELL_CACHE = "readwire-shell-" + CONFIG.version;
const STATIC_CACHE = "readwire-static";
const PAGES_CACHE = "readwire-pages";
const SAVED_CACHE = "readwire-saved";
const STORY_PATH = /^\/story\/\d+\/$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(CONFIG.precache))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => (name.startsWith("readwire-shell-") && name !== SHELL_CACHE) || name === STATIC_CACHE)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CONFIG.networkOnly.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event, request, url));
  }
});

async function staleWhileRevalidate(event, request) {
  const cached = await caches.match(request, { ignoreVary: true });
  const refresh = fetch(request).then(async (response) => {
    if (response.ok) {
      const cache = await caches.open(STATIC_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

async function networkFirst(event, request, url) {
  try {
    const response = await fetch(request);
    event.waitUntil(remember(url, response.clone()));
    return response;
  } catch (error) {
    const key = url.origin + url.pathname;
    const kept = await caches.match(key, { ignoreVary: true, ignoreSearch: url.pathname !== "/" });
    return kept || (await caches.match(CONFIG.offlineUrl, { ignoreVary: true })) || Response.error();
  }
}

async function remember(url, response) {
  const key = url.origin + url.pathname;
  if (url.pathname === "/" && response.ok) {
    // The front page as last seen: the app opens on it offline.
    const shell = await caches.open(SHELL_CACHE);
    await shell.put(key, response);
    return;
  }
  if (!STORY_PATH.test(url.pathname)) return;
  const pages = await caches.open(PAGES_CACHE);
  const saved = await caches.open(SAVED_CACHE);
  if (!response.ok) {
    // Withdrawn (410) or gone: no copy of it stays on the device.
    await Promise.all([pages.delete(key), saved.delete(key)]);
    return;
  }
  if (response.headers.get("X-Readwire-Saved") === "1") {
    await Promise.all([saved.put(key, response), pages.delete(key)]);
    return;
  }
  await saved.delete(key);
  // Deleting first moves a story read again to the end: the cache keeps the last ones read.
  await pages.delete(key);
  await pages.put(key, response);
  const keys = await pages.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - CONFIG.maxStories)).map((old) => pages.delete(old)));
}

async function keepSaved(paths) {
  const saved = await caches.open(SAVED_CACHE);
  await Promise.all(paths.map(async (path) => {
    const url = new URL(path, self.location.origin);
    if (url.origin !== self.location.origin || !STORY_PATH.test(url.pathname)) return;
    try {
      const response = await fetch(url.href, { credentials: "same-origin" });
      await remember(url, response);
    } catch (error) {
      // Offline now: the story is kept the next time it is read.
    }
  }));
  const wanted = new Set(paths.map((path) => new URL(path, self.location.origin).href));
  const keys = await saved.keys();
  await Promise.all(keys.filter((request) => !wanted.has(request.url)).map((request) => saved.delete(request)));
}

self.addEventListener("message", (event) => {
  if (event.origin && event.origin !== self.location.origin) return;
  const message = event.data || {};
  if (message.type === "keep-saved" && Array.isArray(message.paths)) {
    event.waitUntil(keepSaved(message.paths));
  } else if (message.type === "forget-reader") {
    // Signed out: what one reader read must not stay for the next person on this device.
    event.waitUntil(Promise.all([caches.delete(PAGES_CACHE), caches.delete(SAVED_CACHE)]));
  }
});

function sameSiteUrl(value) {
  try {
    const url = new URL(value || "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : new URL("/", self.location.origin).href;
  } catch (error) {
    return new URL("/", self.location.origin).href;
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  if (event.data) {
    try {
      data = event.data.json() || {};
    } catch (error) {
      data = { body: event.data.text() };
    }
  }
  const options = {
    body: data.body || "",
    icon: CONFIG.icon,
    badge: CONFIG.badge,
    data: { url: sameSiteUrl(data.url) },
  };
  if (data.tag) {
    options.tag = String(data.tag);
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(data.title || CONFIG.siteName, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = sameSiteUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url && "focus" in client);
      if (open) return open.focus();
      return self.clients.openWindow ? self.clients.openWindow(url) : undefined;
    })
  );
});
