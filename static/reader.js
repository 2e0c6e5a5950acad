/* site-build reader: theme toggle, remembered legend choices, entity cards, panel stepping.
   Optional: without it mentions are links and the legend works through CSS :has().
   Keys: Tab, one stop per mention, shows its card; Down arrow into its links; Esc back. */
(() => {
  "use strict";
  const doc = document;
  const html = doc.documentElement;
  const load = (key) => { try { return localStorage.getItem(key); } catch (e) { return null; } };
  const save = (key, value) => { try { localStorage.setItem(key, value); } catch (e) { /* off */ } };
  const el = (tag, props, ...kids) => {
    const node = Object.assign(doc.createElement(tag), typeof props === "string" ? { className: props } : props);
    node.append(...kids);
    return node;
  };
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const plainClick = (e) => e.button === 0 && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey);

  /* Theme (button and state drawn before first paint): follows the system until chosen. */
  const toggle = doc.getElementById("theme-toggle");
  if (toggle) {
    const system = matchMedia("(prefers-color-scheme: dark)");
    const dark = () => (html.dataset.theme || (system.matches ? "dark" : "light")) === "dark";
    const sync = () => toggle.setAttribute("aria-pressed", dark());
    sync();
    system.addEventListener("change", sync);
    toggle.addEventListener("click", () => {
      html.dataset.theme = dark() ? "light" : "dark";
      save("site-build-theme", html.dataset.theme);
      sync();
    });
  }

  /* Legend: CSS does the hiding; this only remembers the choices. */
  const boxes = [...doc.querySelectorAll(".legend input[type=checkbox]")];
  let saved = {};
  try { saved = JSON.parse(load("site-build-highlights")) || {}; } catch (e) { /* ignore */ }
  for (const box of boxes) if (typeof saved[box.id] === "boolean") box.checked = saved[box.id];
  doc.addEventListener("change", (e) => {
    if (!boxes.includes(e.target)) return;
    for (const box of boxes) saved[box.id] = box.checked;
    save("site-build-highlights", JSON.stringify(saved));
  });

  const json = doc.getElementById("entity-data");
  if (!json) return;
  let data = {};
  try { data = JSON.parse(json.textContent) || {}; } catch (e) { /* ignore */ }
  const entities = data.entities || {};
  const dates = data.dates || {};
  const known = (key) => Object.hasOwn(entities, key);
  // Figures have no card: "around 8,000" already says all the page knows about it.
  const MENTION = "[data-article-body] [data-entity]:not([data-entity-type=quantity])";
  const byKey = new Map();
  for (const m of doc.querySelectorAll("[data-article-body] [data-entity]")) {
    byKey.set(m.dataset.entity, [...(byKey.get(m.dataset.entity) || []), m]);
  }
  const home = doc.querySelector(".site-title");
  const root = home ? home.getAttribute("href") : "";

  /* A focused mention is described (aria-describedby) by its type and description. */
  const about = el("div", { id: "entity-about", hidden: true });
  for (const [key, info] of Object.entries(entities)) {
    about.append(el("span", { id: `about-${key}` }, info.description ? `${info.type}: ${info.description}` : info.type));
  }
  doc.body.append(about);
  for (const m of doc.querySelectorAll("[data-article-body] a[data-entity]")) {
    if (known(m.dataset.entity)) m.setAttribute("aria-describedby", `about-${m.dataset.entity}`);
  }

  /* The card: a span after the mention (valid in a paragraph; next in reading order), its
     links out of the Tab order until Down arrow. Escape dismisses it (WCAG 1.4.13). */
  const card = el("span", { id: "entity-card", className: "entity-card", hidden: true });
  card.setAttribute("role", "group");
  card.setAttribute("aria-labelledby", "entity-card-title");
  const close = el("button", { type: "button", className: "card-close", ariaLabel: "Close" }, "×");
  let current = null; // the mention whose card is shown
  let pinned = false; // opened by a tap or click
  let hovered = null; // mention or card under the pointer
  let dismissed = null; // closed by Escape: no hover card until the pointer leaves it
  let refocusing = null;
  let downShowing = false;
  let timer = 0;

  let counts = null;
  const articles = () => counts || (counts = fetch(`${root}entities/counts.json`)
    .then((r) => (r.ok ? r.json() : {})).catch(() => ({})));

  const line = (className, ...kids) => el("span", className, ...kids);
  const reach = (on) => {
    for (const c of card.querySelectorAll("a, button")) c.tabIndex = on ? 0 : -1;
  };

  const fill = (m, hint) => {
    const type = m.dataset.entityType;
    const key = m.dataset.entity;
    const info = known(key) ? entities[key] : null;
    const label = doc.querySelector(`.legend [data-swatch="${type.replace(/\W/g, "")}"]`);
    const swatch = line("legend-swatch", info ? info.type : label ? label.textContent : type);
    swatch.dataset.swatch = type;
    const body = [];
    if (info) {
      const links = line("card-links", el("a", { href: `${root}entities/${key}/` }, `More about ${info.name}`));
      if (info.external) {
        const site = /wikidata\.org/.test(info.external) ? "Wikidata" : "Wikipedia";
        links.append(el("a", { href: info.external, rel: "external" }, `${site}: ${info.name}`));
      }
      const count = line("card-count", `${plural(byKey.get(key).length, "mention")} here`);
      articles().then((all) => { // all[key]: how many articles name it, this one included
        const others = all[key] - 1;
        if (others > 0 && current === m) { // nothing said when there are none
          count.append(`, in ${plural(others, "other article")}`);
          place(m);
        }
      });
      if (info.description) body.push(line("card-text", info.description));
      body.push(count, links);
    } else {
      const date = m.getAttribute("datetime");
      if (type === "date") body.push(line("card-value", date ? dates[date] || date : "date not resolved"));
      body.push(line("card-count", `${plural(byKey.get(key).length, "mention")} here`));
    }
    if (hint && info) body.push(line("card-hint", "Down arrow: links · Esc: close"));
    card.replaceChildren(line("card-head", swatch),
      el("span", { className: "card-title", id: "entity-card-title" }, info ? info.name : m.textContent),
      ...body, close);
    reach(false);
  };

  const place = (m) => {
    card.style.left = card.style.top = "0px";
    const origin = card.getBoundingClientRect();
    const rects = m.getClientRects();
    let rect = rects[rects.length - 1];
    let y = rect.bottom + 6;
    const bar = doc.getElementById("panel-nav"); // fixed at the foot of small screens
    const foot = bar && !bar.hidden && getComputedStyle(bar).position === "fixed"
      ? bar.getBoundingClientRect().top : innerHeight;
    if (y + origin.height > foot - 8 && rects[0].top - 6 - origin.height >= 8) {
      rect = rects[0];
      y = rect.top - 6 - origin.height;
    }
    const x = Math.max(8, Math.min(rect.left, html.clientWidth - origin.width - 8));
    card.style.left = `${x - origin.left}px`;
    card.style.top = `${y - origin.top}px`;
  };

  const show = (m, pin, hint) => {
    clearTimeout(timer);
    if (current !== m || card.hidden) {
      fill(m, hint);
      m.after(card);
      current = m;
      card.hidden = false;
    } else reach(false);
    pinned = Boolean(pin);
    dismissed = null;
    place(m);
  };
  const hide = () => {
    clearTimeout(timer);
    card.hidden = true;
    current = null;
    pinned = false;
  };
  const focused = () => current && (doc.activeElement === current || card.contains(doc.activeElement));
  const hideIfIdle = () => { if (current && !pinned && !hovered && !focused()) hide(); };
  const later = (fn, ms) => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  const dismiss = () => {
    const m = current;
    const refocus = focused();
    hide();
    dismissed = m;
    if (refocus && doc.activeElement !== m) {
      refocusing = m;
      m.focus();
      refocusing = null;
    }
  };

  doc.addEventListener("pointerover", (e) => {
    if (e.pointerType === "touch") return;
    const target = e.target.closest("#entity-card") || e.target.closest(MENTION);
    if (target === hovered) return;
    hovered = target;
    if (target !== dismissed) dismissed = null;
    if (!target) { if (current) later(hideIfIdle, 300); }
    else if (target === card || (target === current && !card.hidden)) clearTimeout(timer);
    else if (target !== dismissed) later(() => show(target), 350);
  });
  doc.addEventListener("pointerout", (e) => {
    if (e.relatedTarget || e.pointerType === "touch") return;
    hovered = null; // left the window
    if (current) later(hideIfIdle, 300);
  });
  doc.addEventListener("focusin", (e) => {
    const t = e.target;
    if (card.contains(t)) clearTimeout(timer);
    else if (t.matches(MENTION)) {
      if (t !== refocusing) show(t, pinned && t === current, t.matches(":focus-visible"));
    } else if (current) { pinned = false; hideIfIdle(); }
  });
  doc.addEventListener("pointerdown", (e) => {
    const m = e.target.closest(MENTION);
    downShowing = Boolean(m) && m === current && !card.hidden;
    if (current && !m && !card.contains(e.target)) hide();
  }, true);
  doc.addEventListener("click", (e) => {
    if (e.target === close) { dismiss(); return; }
    const m = e.target.closest(MENTION);
    // Enter (detail 0) follows the link; a first tap or click shows the card, a second navigates
    if (!m || e.detail === 0 || !plainClick(e) || (downShowing && m === current)) return;
    e.preventDefault();
    show(m, true);
  });
  addEventListener("resize", () => { if (current && !card.hidden) place(current); });

  /* Panel: names link to entity pages; counts step through the mentions in the text. */
  const nav = doc.getElementById("panel-nav");
  const panel = doc.querySelector(".entity-panel");
  let stop = null;
  if (nav && panel) {
    const where = el("a", { href: "#" });
    const button = (text, ariaLabel) => el("button", { type: "button", ariaLabel }, text);
    const previous = button("‹ Previous", "Previous mention");
    const next = button("Next ›", "Next mention");
    const done = button("Close", "Stop stepping through mentions");
    done.className = "panel-close";
    nav.setAttribute("role", "group");
    nav.setAttribute("aria-label", "Mentions in the text");
    nav.append(el("p", { className: "panel-where", ariaLive: "polite" }, where),
      el("div", "panel-buttons", previous, next, done));
    let list = [];
    let index = 0;
    let item = null;
    let name = "";
    const mark = (on) => {
      const m = list[index];
      if (!m) return;
      m.classList.toggle("is-current", on);
      if (on) m.setAttribute("aria-current", "true");
      else m.removeAttribute("aria-current");
    };
    const go = (n) => {
      mark(false);
      index = (n + list.length) % list.length;
      mark(true);
      where.textContent = `${name}: ${index + 1} of ${list.length}`;
      where.href = `#${list[index].id}`;
      const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
      list[index].scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    };
    stop = () => {
      mark(false);
      list = [];
      nav.hidden = true;
      item.classList.remove("is-active");
      item.querySelector(".panel-step").focus();
    };
    panel.addEventListener("click", (e) => {
      const step = e.target.closest(".panel-step");
      const entry = step && step.closest("[data-panel-key]");
      const found = entry && byKey.get(entry.dataset.panelKey);
      if (!found || !plainClick(e)) return;
      e.preventDefault();
      mark(false);
      if (item) item.classList.remove("is-active");
      item = entry;
      item.classList.add("is-active");
      name = entry.querySelector(".panel-name").textContent.trim();
      list = found;
      nav.hidden = false;
      previous.disabled = next.disabled = list.length < 2;
      go(0);
      (list.length > 1 ? next : done).focus({ preventScroll: true });
    });
    previous.addEventListener("click", () => go(index - 1));
    next.addEventListener("click", () => go(index + 1));
    done.addEventListener("click", stop);
    where.addEventListener("click", (e) => {
      e.preventDefault();
      list[index].focus();
    });
  }

  doc.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && current && !card.hidden && doc.activeElement === current
      && !(e.altKey || e.ctrlKey || e.metaKey || e.shiftKey)) {
      const first = card.querySelector("a");
      if (!first) return;
      e.preventDefault();
      reach(true);
      const hint = card.querySelector(".card-hint");
      if (hint) hint.textContent = "Tab: next link · Esc: back to the text";
      first.focus();
      return;
    }
    if (e.key !== "Escape") return;
    if (current && !card.hidden) dismiss();
    else if (stop && !nav.hidden && nav.contains(doc.activeElement)) stop();
  });
})();
