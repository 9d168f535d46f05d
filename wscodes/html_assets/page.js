// The page's search: core.search.search, applied to the data `wscode html` exported.
// Parsing mirrors core/search.py (the core's own regexes, translated); keyword ranking applies
// the scoring documented at the top of core/search.py to the exported word index.
// Every piece of data is inserted with textContent / createElement, never as HTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("wscodes-data").textContent);
  var S = DATA.search;
  var IDX = DATA.index;

  // ---------------------------------------------------------------- the registry
  var KNOWN = new Map(); // "1006" -> view
  DATA.codes.forEach(function (c) { KNOWN.set(String(c.code), c); });
  var KNOWN_LIST = DATA.codes; // by number, team codes merged (Registry.known())

  function rx(spec, extra, whole) {
    var src = whole ? "^(?:" + spec.source + ")$" : spec.source;
    return new RegExp(src, spec.flags + (extra || ""));
  }
  var RE_NUMBER = rx(S.number, "", true);
  var RE_RANGE_X = rx(S.range_x, "", true);
  var RE_RANGE_SPAN = rx(S.range_span, "", true);
  var RE_CODE_IN_TEXT = rx(S.code_in_text, "g", false);
  var MESSAGES = S.messages.map(function (m) {
    return {
      test: rx(m.pattern, "", false),
      codes: m.code_pattern ? rx(m.code_pattern, "g", false) : null,
      explanation: m.explanation,
      implied: m.codes,
    };
  });
  var WS = new Set(Array.from(S.whitespace));
  var ZEROS = S.digit_zeros;

  function cps(s) { return Array.from(s); } // Python counts code points
  function strip(s) {
    var a = cps(s), i = 0, j = a.length;
    while (i < j && WS.has(a[i])) i++;
    while (j > i && WS.has(a[j - 1])) j--;
    return a.slice(i, j).join("");
  }
  function asciiDigits(s) { // any Unicode decimal digit -> 0-9, as Python's int() does
    return cps(s).map(function (ch) {
      var cp = ch.codePointAt(0);
      if (cp >= 48 && cp <= 57) return ch;
      var lo = 0, hi = ZEROS.length - 1, zero = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (ZEROS[mid] <= cp) { zero = ZEROS[mid]; lo = mid + 1; } else hi = mid - 1;
      }
      return zero >= 0 && cp - zero < 10 ? String(cp - zero) : ch;
    }).join("");
  }
  function toInt(s) { return BigInt(asciiDigits(s)); } // BigInt("+5"), BigInt("-0") work

  function rangeOf(n) {
    for (var i = 0; i < DATA.ranges.length; i++) {
      var r = DATA.ranges[i];
      if ((r.low === null || n >= BigInt(r.low)) && (r.high === null || n <= BigInt(r.high))) return r;
    }
    throw new Error("ranges do not cover " + n);
  }
  function fill(value, n) {
    if (typeof value === "string") return value.split("{n}").join(n);
    if (Array.isArray(value)) return value.map(function (v) { return fill(v, n); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = fill(value[k], n); });
      return out;
    }
    return value;
  }
  function jsonCode(n) { // the number as JSON would carry it
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : String(n);
  }
  // Registry.classify: a team or registered code, else the range's record for n.
  function classify(n) {
    n = BigInt(n);
    var known = KNOWN.get(String(n));
    if (known) return known;
    var view = fill(DATA.unregistered[rangeOf(n).id], String(n));
    view.code = jsonCode(n);
    view.constants = DATA.constants[String(n)] || [];
    return view;
  }

  // ---------------------------------------------------------------- word index (core.search)
  // The tokenizer's data comes from core.search (SearchIndex.to_json()["rules"]), not from here.
  var STOP = new Set(IDX.stop);
  var W = IDX.weights;
  var RULES = IDX.rules;
  var TOKEN = new RegExp(RULES.token, "g");
  function stem(t) {
    var suffixes = RULES.stem_suffixes;
    for (var i = 0; i < suffixes.length; i++) {
      var suf = suffixes[i];
      if (t.endsWith(suf) && !t.endsWith("ss") && t.length - suf.length >= 4) {
        t = t.slice(0, -suf.length);
        if (t.length >= 2 && t[t.length - 1] === t[t.length - 2] && "ls".indexOf(t[t.length - 1]) < 0) {
          t = t.slice(0, -1);
        }
        break;
      }
    }
    return t;
  }
  function tokenize(text) {
    return (text.toLowerCase().match(TOKEN) || [])
      .filter(function (t) { return !STOP.has(t); })
      .map(stem);
  }
  function deletes(t) {
    var out = new Set();
    for (var i = 0; i < t.length; i++) out.add(t.slice(0, i) + t.slice(i + 1));
    return out;
  }
  var TERMS = new Map();
  Object.keys(IDX.terms).forEach(function (t) { TERMS.set(t, IDX.terms[t]); });
  var PREFIXES = new Map(), DELETES = new Map();
  function push(map, key, value) { if (!map.has(key)) map.set(key, []); map.get(key).push(value); }
  TERMS.forEach(function (_, term) {
    for (var i = RULES.prefix_min; i < term.length; i++) push(PREFIXES, term.slice(0, i), term);
    if (term.length >= RULES.typo_min) deletes(term).forEach(function (d) { push(DELETES, d, term); });
  });
  function matches(t) { // (term, factor, how) for one query token
    var out = [];
    if (TERMS.has(t)) out.push([t, 1.0, ""]);
    if (t.length >= RULES.prefix_min) (PREFIXES.get(t) || []).forEach(function (term) { out.push([term, W.prefix, ""]); });
    if (t.length >= RULES.typo_min && out.length === 0) {
      var cands = new Set(DELETES.get(t) || []);
      deletes(t).forEach(function (d) {
        if (TERMS.has(d)) cands.add(d);
        (DELETES.get(d) || []).forEach(function (x) { cands.add(x); });
      });
      cands.forEach(function (term) { if (term !== t) out.push([term, W.typo, ' (for "' + t + '")']); });
    }
    return out;
  }
  function score(query) { // [code, score, why], best first — SearchIndex.score
    var tokens = tokenize(query);
    var best = new Map(), why = new Map();
    Array.from(new Set(tokens)).forEach(function (t) {
      var perCode = new Map();
      var variants = [[t, 1.0]].concat((IDX.synonyms[t] || []).map(function (s) { return [s, W.synonym]; }));
      variants.forEach(function (v) {
        matches(v[0]).forEach(function (m) {
          var postings = TERMS.get(m[0]);
          Object.keys(postings).forEach(function (code) {
            var s = postings[code][0] * m[1] * v[1];
            if (!perCode.has(code) || perCode.get(code)[0] < s) perCode.set(code, [s, postings[code][1] + m[2]]);
          });
        });
      });
      perCode.forEach(function (sv, code) {
        best.set(code, (best.get(code) || 0.0) + sv[0]);
        if (!why.has(code) || why.get(code)[0] < sv[0]) why.set(code, sv);
      });
    });
    var joined = " " + tokens.join(" ") + " ";
    Object.keys(IDX.phrases).forEach(function (code) {
      IDX.phrases[code].forEach(function (p) {
        if (joined.indexOf(" " + p[0].join(" ") + " ") >= 0) {
          var bonus = W.phrase * p[0].length;
          best.set(code, (best.get(code) || 0.0) + bonus);
          if ((why.has(code) ? why.get(code)[0] : 0.0) < bonus + 1) why.set(code, [bonus + 1, p[1]]);
        }
      });
    });
    var ranked = Array.from(best.entries()).sort(function (a, b) {
      return b[1] - a[1] || Number(a[0]) - Number(b[0]);
    });
    return ranked.map(function (kv) { return [kv[0], kv[1], why.get(kv[0])[1]]; });
  }

  // ---------------------------------------------------------------- search (core.search.search)
  function hit(code, s, w) { return { code: code, score: s, why: w }; }
  function result(query, kind, hits, extra) {
    var r = { query: query, kind: kind, hits: hits || [], explanations: [], ranges: [], message: "" };
    Object.keys(extra || {}).forEach(function (k) { r[k] = extra[k]; });
    return r;
  }
  function searchNumber(q, text) {
    var digits = text.replace(/^[+-]+/, "");
    var nDigits = cps(digits).length;
    if (nDigits > S.max_digits) {
      var big = BigInt("1" + "0".repeat(S.max_digits));
      var code = classify(text.startsWith("-") ? -big : big);
      return result(q, "number", [hit(code, 1.0, "a " + nDigits + "-digit number")], {
        message: "A " + nDigits + "-digit number is not a close code. " + code.range.summary,
      });
    }
    if (!text.startsWith("-") && !text.startsWith("+") && nDigits <= 3) {
      var known = KNOWN_LIST.filter(function (c) { return String(c.code).startsWith(digits); });
      if (known.length) {
        return result(q, "range", known.map(function (c) { return hit(c, 1.0, "starts with " + digits); }), {
          message: "Codes starting with " + digits,
        });
      }
    }
    return result(q, "number", [hit(classify(toInt(text)), 1.0, "number")]);
  }
  function searchSpan(q, low, high) {
    if (low > high) { var t = low; low = high; high = t; }
    var known = KNOWN_LIST.filter(function (c) { return BigInt(c.code) >= low && BigInt(c.code) <= high; });
    var ranges = DATA.ranges.filter(function (r) {
      return (r.high === null || BigInt(r.high) >= low) && (r.low === null || BigInt(r.low) <= high);
    });
    var span = low + "–" + high;
    var hits = known.map(function (c) { return hit(c, 1.0, "in " + span); });
    if (!hits.length) hits = [hit(classify(low), 0.5, "no registered code in " + span)];
    return result(q, "range", hits, { ranges: ranges, message: "Codes " + span });
  }
  function searchText(q, text) {
    var msgs = MESSAGES.filter(function (m) { return m.test.test(text); });
    var about = [];
    msgs.forEach(function (m) {
      if (!m.codes) return;
      Array.from(text.matchAll(m.codes)).forEach(function (match) {
        var parts = match.length > 1 ? match.slice(1) : [match[0]];
        parts.forEach(function (g) { if (g) about.push(toInt(g)); });
      });
    });
    var found = about.length ? about : Array.from(text.matchAll(RE_CODE_IN_TEXT)).map(function (m) { return toInt(m[1]); });
    var seen = new Set(), codes = [];
    found.concat([].concat.apply([], msgs.map(function (m) { return m.implied.map(BigInt); }))).forEach(function (n) {
      if (!seen.has(String(n))) { seen.add(String(n)); codes.push(n); }
    });
    if (!codes.length && !msgs.length) return null;
    var foundKeys = new Set(found.map(String));
    var hits = codes.map(function (n) {
      return hit(classify(n), 1.0, foundKeys.has(String(n)) ? "in the text" : "implied by the message");
    });
    return result(q, "text", hits, { explanations: msgs.map(function (m) { return m.explanation; }) });
  }
  function searchKeyword(q, text) {
    var ranked = score(text);
    if (!ranked.length) {
      return result(q, "keyword", [], {
        message: "No close code matches " + pyRepr(cps(text).slice(0, 60).join("")) +
          ". Try a number (1006), a range (3xxx, 4000-4999) or words such as 'timeout', 'too big', 'tls'.",
      });
    }
    var top = ranked[0][1];
    return result(q, "keyword", ranked.filter(function (r) { return r[1] >= top * S.keep_ratio; }).map(function (r) {
      return hit(classify(BigInt(r[0])), r[1], r[2]);
    }));
  }
  function pyRepr(s) { // enough of Python's repr() for a message
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var body = s.split("\\").join("\\\\").split(quote).join("\\" + quote)
      .replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
      .replace(/[\u0000-\u001f\u007f-\u00a0\u00ad]/g, function (c) {
        return "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0");
      });
    return quote + body + quote;
  }
  function search(query) {
    var text = strip(cps(String(query)).slice(0, S.max_query).join("").split("\u0000").join(""));
    if (/[^\u0000-\u007f]/.test(text)) text = strip(text.normalize("NFKC")); // "１００６" is 1006
    if (!text) {
      return result(text, "empty", [], { message: "Type a close code (1006), a range (3xxx, 4000-4999) or words (timeout)." });
    }
    if (RE_NUMBER.test(text)) return searchNumber(text, text);
    var m = text.match(RE_RANGE_X);
    if (m && cps(text).length <= 5) {
      var scale = 10n ** BigInt(cps(text).length - cps(m[1]).length);
      var low = toInt(m[1]) * scale;
      return searchSpan(text, low, low + scale - 1n);
    }
    m = text.match(RE_RANGE_SPAN);
    if (m) return searchSpan(text, toInt(m[1]), toInt(m[2]));
    return searchText(text, text) || searchKeyword(text, text);
  }

  // ---------------------------------------------------------------- the page
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var explain = document.getElementById("explain");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function shorten(s, width) {
    if (cps(s).length <= width) return s;
    var cut = cps(s).slice(0, width).join("");
    var space = cut.lastIndexOf(" ");
    return (space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:—–-]+$/, "") + "…";
  }
  function cardFor(view) { // full details for a number that has no entry on the page
    var dl = el("dl", "card");
    [
      ["Meaning", view.meaning], ["Who sends it", view.display.sender], ["In a Close frame", view.display.on_wire],
      ["Browser close()", view.display.browser], ["What to do", view.action],
      ["Reconnect?", view.display.retry], ["Range", view.range.name],
    ].forEach(function (row) { dl.appendChild(el("dt", "", row[0])); dl.appendChild(el("dd", "", row[1])); });
    if (view.constants.length) {
      dl.appendChild(el("dt", "", "Constants"));
      dl.appendChild(el("dd", "", view.constants.map(function (c) { return c.name + " (" + c.library + ")"; }).join(", ")));
    }
    return dl;
  }
  function render(res) {
    list.textContent = "";
    explain.textContent = "";
    res.explanations.forEach(function (x) { explain.appendChild(el("p", "", "What this says: " + x)); });
    res.ranges.forEach(function (r) {
      var p = el("p");
      var a = el("a", "", r.name);
      a.href = "#range-" + r.id;
      p.appendChild(a);
      p.appendChild(document.createTextNode(": " + r.summary));
      explain.appendChild(p);
    });
    if (res.message && res.kind !== "keyword" && res.kind !== "empty") {
      explain.insertBefore(el("p", "", res.message), explain.firstChild);
    }
    res.hits.forEach(function (h, i) {
      var c = h.code;
      var li = el("li");
      var a = el("a", "hit" + (c.team ? " team" : ""));
      a.href = "#" + c.code;
      a.id = "hit-" + i;
      a.appendChild(el("span", "num", String(c.code)));
      var name = el("span", "name", c.name);
      if (c.team) name.appendChild(el("span", "badge team", "your team"));
      name.appendChild(el("span", c.on_wire ? "badge ok" : "badge bad", c.on_wire ? "may be sent" : "never sent"));
      a.appendChild(name);
      a.appendChild(el("span", "meaning", shorten(c.meaning, 140)));
      if (h.why && h.why !== "number") a.appendChild(el("span", "why", "matched: " + h.why));
      li.appendChild(a);
      if (!KNOWN.has(String(c.code))) li.appendChild(cardFor(c));
      list.appendChild(li);
    });
    var n = res.hits.length;
    if (res.kind === "empty") status.textContent = "";
    else if (!n) status.textContent = res.message;
    else status.textContent = n + (n === 1 ? " result" : " results") + " for “" + res.query + "”";
  }
  function run() { render(search(input.value)); }

  function results() { return Array.from(list.querySelectorAll("a.hit")); }
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (ev) {
    var hits = results();
    if (ev.key === "ArrowDown" && hits.length) { ev.preventDefault(); hits[0].focus(); }
    else if (ev.key === "Enter") { ev.preventDefault(); if (hits.length) hits[0].click(); }
    else if (ev.key === "Escape") { input.value = ""; run(); }
  });
  list.addEventListener("keydown", function (ev) {
    var hits = results();
    var i = hits.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === "ArrowDown") { ev.preventDefault(); hits[Math.min(i + 1, hits.length - 1)].focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (i === 0) input.focus(); else hits[i - 1].focus(); }
    else if (ev.key === "Home") { ev.preventDefault(); hits[0].focus(); }
    else if (ev.key === "End") { ev.preventDefault(); hits[hits.length - 1].focus(); }
    else if (ev.key === "Escape") { ev.preventDefault(); input.focus(); }
  });
  document.getElementById("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); input.focus(); input.select(); }
  });

  // Deep links: #1006 opens that entry; #4321 (no entry) shows it as a search result.
  function openFromHash() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.classList.contains("entry")) {
      document.querySelectorAll(".entry.target").forEach(function (x) { x.classList.remove("target"); });
      target.open = true;
      target.classList.add("target");
      target.querySelector("summary").focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    } else if (!target && RE_NUMBER.test(id)) {
      input.value = id;
      run();
      var first = results()[0];
      if (first) first.focus();
    }
  }
  list.addEventListener("click", function (ev) { // the same link again: no hashchange, open it anyway
    var a = ev.target.closest && ev.target.closest("a.hit");
    if (a && a.getAttribute("href") === location.hash) { ev.preventDefault(); openFromHash(); }
  });
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  // The browser's own scroll to the fragment happens after this script and moves focus away.
  window.addEventListener("load", function () { setTimeout(openFromHash, 0); });

  // For tests and curious users: the same search the page runs.
  window.wscodes = { search: search, classify: classify, tokenize: tokenize };
})();
