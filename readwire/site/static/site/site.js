/* Small enhancements for browsers that run scripts; every page works without them.
   Registers the service worker (offline reading, push), offers to install the app when the
   browser allows, uses the system share sheet, and lists the stories kept for offline reading. */
(function () {
  "use strict";

  var worker = "serviceWorker" in navigator ? navigator.serviceWorker : null;

  function tellWorker(message) {
    if (!worker) return;
    worker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  if (worker) {
    window.addEventListener("load", function () {
      worker.register("/sw.js", { scope: "/" }).catch(function () {
        /* No app features on this browser: the site works as before. */
      });
    });
  }

  // On a phone the section menu scrolls sideways: bring the current section into view.
  var current = document.querySelector(".sections-nav [aria-current]");
  if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest", inline: "center" });
  // A link reached with Tab is shown whole, not left half under the menu's edge.
  var sectionsNav = document.querySelector(".sections-nav");
  if (sectionsNav) {
    sectionsNav.addEventListener("focusin", function (event) {
      if (event.target.scrollIntoView) event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  }

  // A reader who signed out leaves nothing they read on the device for the next person.
  try {
    if (document.body.dataset.reader === "signed-in") {
      localStorage.setItem("readwire-signed-in", "1");
    } else if (localStorage.getItem("readwire-signed-in")) {
      localStorage.removeItem("readwire-signed-in");
      tellWorker({ type: "forget-reader" });
    }
  } catch (error) {
    /* Storage may be switched off; nothing to remember then. */
  }

  // The saved stories page: keep every saved story for reading offline.
  var saved = document.querySelectorAll(".saved-stories a[href^='/story/']");
  if (location.pathname === document.body.dataset.savedStories) {
    tellWorker({
      type: "keep-saved",
      paths: Array.prototype.map.call(saved, function (link) { return link.getAttribute("href"); })
    });
  }

  // Install the app, where the browser offers it.
  var install = document.querySelector(".install-app");
  var offer = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offer = event;
    if (install) install.hidden = false;
  });
  if (install) {
    install.addEventListener("click", function () {
      if (!offer) return;
      offer.prompt();
      offer.userChoice.finally(function () {
        offer = null;
        install.hidden = true;
      });
    });
  }
  window.addEventListener("appinstalled", function () {
    if (install) install.hidden = true;
  });

  // Share with the system's share sheet; the plain links stay for browsers without one.
  var share = document.querySelector(".share-native");
  if (share && navigator.share) {
    share.hidden = false;
    var links = document.querySelector("details.share");
    if (links) links.hidden = true;
    share.addEventListener("click", function () {
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(function () {
        /* The reader closed the share sheet. */
      });
    });
  }
  var copy = document.querySelector(".copy-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.url).then(function () {
        copy.textContent = "Link copied";
      });
    });
  }

  // The offline page: list what can be read without a connection.
  var list = document.querySelector("[data-offline-list]");
  if (list && "caches" in window) {
    var names = ["readwire-saved", "readwire-pages"];
    Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (keys) {
          return Promise.all(keys.reverse().map(function (request) {
            return cache.match(request).then(function (response) {
              return response.text().then(function (html) {
                var page = new DOMParser().parseFromString(html, "text/html");
                var heading = page.querySelector("h1");
                return { url: request.url, title: heading ? heading.textContent.trim() : request.url, saved: name === "readwire-saved" };
              });
            });
          }));
        });
      });
    })).then(function (groups) {
      var stories = groups[0].concat(groups[1]);
      if (!stories.length) return;
      list.textContent = "";
      stories.forEach(function (story) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = story.url;
        link.textContent = story.title;
        item.appendChild(link);
        if (story.saved) {
          var note = document.createElement("span");
          note.className = "badge";
          note.textContent = "saved";
          item.appendChild(document.createTextNode(" "));
          item.appendChild(note);
        }
        list.appendChild(item);
      });
    });
  }
})();
