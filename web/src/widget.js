/* Eskaleringsassistenten's chat widget: Rasa's socket.io channel, one script tag.
 *
 *   <script src="https://chat.example.se/eskalering-widget.js"
 *           data-server="https://chat.example.se" defer></script>
 *
 * Settings (data- attributes on the script tag): data-server (Rasa's address; default: where the
 * script came from), data-socket-path (default /socket.io/), data-title, data-storage ("local":
 * the conversation survives closing the browser; "session": only reloads), data-open ("true":
 * start opened). Everything the bot or the user writes is shown as text; only links in
 * Markdown form to https, http, mailto or tel become links.
 *
 * On a page where the customer is logged in, the page gives the widget the token it signed for the
 * user (docs/security.md): data-token="<JWT>", or data-token-callback="name" naming a global
 * function that returns the token or a promise of it. The token is fetched again for every
 * connection, so when the server says it has expired the widget reconnects with a fresh one and
 * sends the message again.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var settings = readSettings(script);
  var storage = settings.storage === "session" ? window.sessionStorage : window.localStorage;
  var KEY = "eskalering-chat:" + settings.server;
  var SAFE_LINK = /^(https?:|mailto:|tel:)/i;
  var LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;
  var KEPT_MESSAGES = 200;

  function readSettings(tag) {
    var data = (tag && tag.dataset) || {};
    var origin = tag && tag.src ? new URL(tag.src, window.location.href).origin : window.location.origin;
    return {
      server: data.server || origin,
      socketPath: data.socketPath || "/socket.io/",
      title: data.title || "Eskaleringsassistenten",
      storage: data.storage || "local",
      open: data.open === "true",
      tokenCallback: data.tokenCallback || "",
      usesToken: Boolean(data.tokenCallback) || Boolean(tag && tag.hasAttribute("data-token")),
      stylesheet: tag && tag.src ? new URL("eskalering-widget.css", tag.src).href : "eskalering-widget.css"
    };
  }

  function load() {
    try {
      return JSON.parse(storage.getItem(KEY)) || { messages: [] };
    } catch (error) {
      return { messages: [] };
    }
  }

  var state = load();

  function save() {
    try {
      storage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* A full or blocked storage only costs persistence across reloads. */
    }
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Text with Markdown links: the text goes in as text nodes, links only for safe schemes. */
  function richText(container, text) {
    var last = 0;
    text.replace(LINK, function (match, label, href, offset) {
      container.appendChild(document.createTextNode(text.slice(last, offset)));
      if (SAFE_LINK.test(href)) {
        var link = element("a", { href: href }, label);
        if (/^https?:/i.test(href)) {
          link.setAttribute("target", "_blank");
          link.setAttribute("rel", "noopener noreferrer");
        }
        container.appendChild(link);
      } else {
        container.appendChild(document.createTextNode(match));
      }
      last = offset + match.length;
      return match;
    });
    container.appendChild(document.createTextNode(text.slice(last)));
  }

  var root = element("div", { class: "eskc", lang: "sv" });
  var launcher = element("button", {
    type: "button", class: "eskc-launcher", "aria-expanded": "false", "aria-controls": "eskc-panel"
  }, "Chatta med " + settings.title);
  var panel = element("section", { id: "eskc-panel", class: "eskc-panel", "aria-labelledby": "eskc-title", hidden: "" });
  var header = element("div", { class: "eskc-header" });
  var title = element("h2", { id: "eskc-title" }, settings.title);
  var close = element("button", { type: "button", class: "eskc-close", "aria-label": "Stäng chatten" }, "×");
  var log = element("div", { class: "eskc-log", role: "log", "aria-live": "polite", "aria-label": "Konversationen" });
  var list = element("ol", { class: "eskc-messages" });
  var status = element("p", { class: "eskc-status", role: "status" });
  var form = element("form", { class: "eskc-form" });
  var label = element("label", { for: "eskc-input", class: "eskc-visually-hidden" }, "Ditt meddelande");
  var input = element("input", {
    id: "eskc-input", type: "text", autocomplete: "off", maxlength: "2000", placeholder: "Skriv ditt meddelande…"
  });
  var send = element("button", { type: "submit" }, "Skicka");

  log.appendChild(list);
  header.append(title, close);
  form.append(label, input, send);
  panel.append(header, log, status, form);
  root.append(launcher, panel);

  function render(message, isLatest) {
    var item = element("li", { class: "eskc-message eskc-" + message.from });
    item.appendChild(element("span", { class: "eskc-visually-hidden" }, message.from === "user" ? "Du: " : "Assistenten: "));
    var body = element("span", { class: "eskc-text" });
    richText(body, message.text || "");
    item.appendChild(body);
    if (message.buttons && message.buttons.length && isLatest) {
      var group = element("div", { class: "eskc-quick-replies", role: "group", "aria-label": "Snabbsvar" });
      message.buttons.forEach(function (button) {
        var quickReply = element("button", { type: "button" }, button.title);
        quickReply.addEventListener("click", function () {
          if (say(button.payload, button.title)) input.focus();
        });
        group.appendChild(quickReply);
      });
      item.appendChild(group);
    }
    return item;
  }

  function renderAll() {
    list.textContent = "";
    state.messages.forEach(function (message, index) {
      list.appendChild(render(message, index === state.messages.length - 1));
    });
    log.scrollTop = log.scrollHeight;
  }

  /* Appends, so focus and reading position stay; only the latest message keeps its quick replies. */
  function add(message) {
    state.messages.push(message);
    state.messages.splice(0, state.messages.length - KEPT_MESSAGES);
    save();
    list.querySelectorAll(".eskc-quick-replies").forEach(function (group) {
      group.remove();
    });
    list.appendChild(render(message, true));
    log.scrollTop = log.scrollHeight;
  }

  var socket = null;
  var lastSent = null;
  var unsent = null;
  var TOKEN_REFUSALS = ["token_missing", "token_invalid", "token_expired"];
  var tokenRetries = 0;

  /* The host page's token, read afresh each time: the callback's answer, else the attribute. */
  function currentToken() {
    var callback = settings.tokenCallback && window[settings.tokenCallback];
    if (typeof callback === "function") return Promise.resolve().then(callback);
    return Promise.resolve(script.getAttribute("data-token"));
  }

  function authenticate(reply) {
    currentToken().then(function (token) {
      reply({ token: token || "" });
    }, function () {
      reply({ token: "" });
    });
  }

  function connect() {
    status.textContent = "Ansluter …";
    var options = { path: settings.socketPath };
    if (settings.usesToken) options.auth = authenticate;
    socket = window.io(settings.server, options);
    socket.on("connect", function () {
      status.textContent = "";
      socket.emit("session_request", { session_id: state.sessionId || null });
    });
    socket.on("session_confirm", function (confirmed) {
      state.sessionId = (confirmed && confirmed.session_id) || confirmed;
      save();
      tokenRetries = 0;
      if (unsent) {
        socket.emit("user_uttered", outgoing(unsent));
        unsent = null;
      } else if (!state.messages.length && !state.greeted) {
        state.greeted = true;
        save();
        socket.emit("user_uttered", outgoing("/greet"));
      }
    });
    /* The server did not take the last message: the login has expired. Reconnect with a fresh token. */
    socket.on("token_expired", function () {
      unsent = lastSent;
      status.textContent = "Inloggningen förnyas …";
    });
    socket.on("bot_uttered", function (reply) {
      add({ from: "bot", text: reply.text || "", buttons: reply.quick_replies || reply.buttons || [] });
    });
    socket.on("connect_error", function (error) {
      if (error && TOKEN_REFUSALS.indexOf(error.message) >= 0) {
        /* Refused for its token: socket.io does not retry that itself. Fetch one again, twice at most. */
        status.textContent = "Chatten kräver att du är inloggad. Logga in och ladda om sidan.";
        if (tokenRetries < 2) {
          tokenRetries += 1;
          window.setTimeout(function () { socket.connect(); }, 1000);
        }
        return;
      }
      status.textContent = "Ingen kontakt med assistenten just nu. Jag försöker igen …";
    });
    socket.on("disconnect", function (reason) {
      if (reason === "io server disconnect" && unsent) {
        socket.connect();
        return;
      }
      status.textContent = "Anslutningen bröts. Jag försöker igen …";
    });
  }

  function outgoing(text) {
    return { message: text, session_id: state.sessionId, customData: { language: "sv" } };
  }

  /* Returns whether the message went out; before the session is confirmed it stays in the field. */
  function say(text, shown) {
    if (!text.trim() || !socket || !socket.connected || !state.sessionId) return false;
    add({ from: "user", text: shown || text });
    lastSent = text;
    socket.emit("user_uttered", outgoing(text));
    return true;
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) {
      if (!socket) connect();
      renderAll();
      input.focus();
    }
  }

  launcher.addEventListener("click", function () {
    setOpen(panel.hidden);
  });
  close.addEventListener("click", function () {
    setOpen(false);
    launcher.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      setOpen(false);
      launcher.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (say(input.value)) input.value = "";
  });

  function mount() {
    var stylesheet = element("link", { rel: "stylesheet", href: settings.stylesheet });
    document.head.appendChild(stylesheet);
    document.body.appendChild(root);
    if (settings.open || state.open) setOpen(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
