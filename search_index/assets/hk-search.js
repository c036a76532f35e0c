/*
 * helpkit search: queries the prebuilt index that `helpkit build` writes next to this file.
 *
 * No fetch/XHR: every index file is a script that calls HelpkitSearch.register(name, data), so the
 * search works from file:// as well as over HTTP. A query loads only the shards of its terms.
 *
 * Analysis, query planning and scoring mirror the Python side step for step
 * (search_index/_analysis.py, _porter.py, _query.py, _synonyms.py); scores are sums of the integer
 * contributions computed at build time, so the ranking equals `helpkit search`.
 */
(function (root) {
  "use strict";
  if (root.HelpkitSearch) return;

  var current = root.document && root.document.currentScript;
  var BASE = current ? current.src.replace(/[^\/]*$/, "") : root.HELPKIT_BASE || "";

  // -- loading ----------------------------------------------------------------------------------------------

  var loaded = Object.create(null);
  var waiting = Object.create(null);

  function register(name, data) {
    loaded[name] = data;
    if (waiting[name]) waiting[name].resolve(data);
  }

  function inject(url) {
    if (root.HelpkitSearchLoader) return root.HelpkitSearchLoader(url);
    return new Promise(function (resolve, reject) {
      var s = root.document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("helpkit search: cannot load " + url)); };
      root.document.head.appendChild(s);
    });
  }

  /** The data of index file `name` (index/<name>.js), loaded once. */
  function load(name) {
    if (name in loaded) return Promise.resolve(loaded[name]);
    if (!waiting[name]) {
      var w = (waiting[name] = {});
      w.promise = new Promise(function (resolve, reject) {
        w.resolve = resolve;
        inject(BASE + "index/" + name + ".js").then(function () {
          if (!(name in loaded)) reject(new Error("helpkit search: index/" + name + ".js did not register"));
        }, function (e) { delete waiting[name]; reject(e); });
      });
    }
    return waiting[name].promise;
  }

  function loadAll(names) {
    var unique = names.filter(function (n, i) { return names.indexOf(n) === i; });
    return Promise.all(unique.map(load));
  }

  // -- analysis (search_index/_analysis.py) -------------------------------------------------------------------

  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var RAW_WORD = /[\p{L}\p{N}\p{M}'’]+/gu;
  var APOSTROPHE = /(?<=[\p{L}\p{N}])['’](?=[\p{L}\p{N}])/gu;
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
  var MARK = /\p{M}+/gu;
  var DIGITS = /^\p{N}+$/u;
  var LETTERS = /^[\p{L}\p{M}]+$/u;

  function length(s) { return Array.from(s).length; }
  function prefix(s, n) { return Array.from(s).slice(0, n).join(""); }

  function normalize(text, fold) {
    text = text.normalize("NFKC").toLowerCase().replace(APOSTROPHE, "");
    if (fold) text = text.normalize("NFD").replace(MARK, "").normalize("NFC");
    return text;
  }

  function Analyzer(lang) {
    this.fold = lang.fold;
    this.stops = new Set(lang.stops);
    this.stemmer = lang.stemmer;
    this.lemmas = new Map(Object.entries(lang.lemmas || {}));
    this.snowball = null;
  }

  Analyzer.prototype.stem = function (word) {
    if (this.stemmer === "none" || DIGITS.test(word)) return word;
    if (this.stemmer === "porter") return porter(word);
    return this.snowball ? this.snowball(word) : word;
  };

  Analyzer.prototype.term = function (word) {
    if (this.lemmas.has(word)) word = this.lemmas.get(word);
    if (this.stops.has(word) || (length(word) < 2 && !DIGITS.test(word))) return "";
    return this.stem(word);
  };

  /** [{surface, term, start, end}] of normalize(text), as Analyzer.words in Python. */
  Analyzer.prototype.words = function (text) {
    var out = [], norm = normalize(text, this.fold), m, self = this;
    function word(w, start) { out.push({ surface: w, term: self.term(w), start: start, end: start + w.length }); }
    WORD.lastIndex = 0;
    while ((m = WORD.exec(norm))) {
      var w = m[0], offset = m.index, pos = 0, c;
      CJK.lastIndex = 0;
      while ((c = CJK.exec(w))) {
        if (c.index > pos) word(w.slice(pos, c.index), offset + pos);
        var run = Array.from(c[0]), at = offset + c.index;
        if (run.length === 1) out.push({ surface: run[0], term: run[0], start: at, end: at + run[0].length });
        for (var i = 0; i + 1 < run.length; i++) {
          var bigram = run[i] + run[i + 1];
          out.push({ surface: bigram, term: bigram, start: at, end: at + bigram.length });
          at += run[i].length;
        }
        pos = c.index + c[0].length;
      }
      if (pos < w.length) word(w.slice(pos), offset + pos);
    }
    return out;
  };

  Analyzer.prototype.terms = function (text) {
    return this.words(text).map(function (w) { return w.term; }).filter(Boolean);
  };

  // Martin Porter's reference JavaScript stemmer (search_index/_porter.py mirrors it).
  var STEP2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var c_ = "[^aeiou]", v_ = "[aeiouy]", C_ = c_ + "[^aeiouy]*", V_ = v_ + "[aeiou]*";
  var MGR0 = new RegExp("^(" + C_ + ")?" + V_ + C_);
  var MEQ1 = new RegExp("^(" + C_ + ")?" + V_ + C_ + "(" + V_ + ")?$");
  var MGR1 = new RegExp("^(" + C_ + ")?" + V_ + C_ + V_ + C_);
  var S_V = new RegExp("^(" + C_ + ")?" + v_);
  var CVC = new RegExp("^" + C_ + v_ + "[^aeiouwxy]$");

  function porter(w) {
    var m, s;
    if (w.length < 3) return w;
    var firstY = w.charAt(0) === "y";
    if (firstY) w = "Y" + w.slice(1);
    if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");
    else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(m[1])) w = w.slice(0, -1);
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && S_V.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += "e";
    }
    if ((m = /^(.+?)y$/.exec(w)) && S_V.test(m[1])) w = m[1] + "i";
    m = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/.exec(w);
    if (m && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
    m = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/.exec(w);
    if (m && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
    if ((m = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/.exec(w))) {
      if (MGR1.test(m[1])) w = m[1];
    } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w)) && MGR1.test(m[1] + m[2])) {
      w = m[1] + m[2];
    }
    if ((m = /^(.+?)e$/.exec(w))) {
      s = m[1];
      if (MGR1.test(s) || (MEQ1.test(s) && !CVC.test(s))) w = s;
    }
    if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);
    if (firstY) w = "y" + w.slice(1);
    return w;
  }

  /** Load lunr-languages' Snowball stemmer (shipped by Material, copied next to this file). */
  function loadSnowball(analyzer, lang) {
    if (!lang.lunr) return Promise.resolve();
    var noop = function (t) { return t; };
    root.lunr = root.lunr || {
      Pipeline: { registerFunction: function () {} },
      generateStopWordFilter: function () { return noop; }
    };
    return inject(BASE + "hk-stemmer-support.js")
      .then(function () { return inject(BASE + "hk-stemmer-" + lang.lunr + ".js"); })
      .then(function () { analyzer.snowball = root.lunr[lang.lunr].stemmer; });
  }

  // -- query plan (search_index/_query.py) --------------------------------------------------------------------

  function distance(a, b, limit) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      }
      if (Math.min.apply(null, cur) > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= limit ? prev[b.length] : limit + 1;
  }

  /** The lexicon groups a misspelt word's correction may be in, in order (Python: _table.correction_groups). */
  function correctionGroups(word) {
    var c = Array.from(word);
    if (c.length < 3) return [prefix(word, 2)];
    var out = [];
    [c[0] + c[1], c[0] + c[2], c[1] + c[0], c[1] + c[2]].forEach(function (g) { if (out.indexOf(g) < 0) out.push(g); });
    return out;
  }

  /** A lexicon file's entry, [surface, df] or [surface, df, term] (Python: _browser._lexicon_entry), as
   *  [surface, term, df]. */
  function lexiconEntry(e) { return [e[0], e.length > 2 ? e[2] : e[0], e[1]]; }

  function correct(word, candidates) {
    var limit = length(word) < 7 ? 1 : 2, best = null;
    (candidates || []).forEach(function (e) {
      var d = distance(word, e[0], limit);
      if (d <= limit && (best === null || d < best.d || (d === best.d && -e[2] < -best.e[2]))) best = { d: d, e: e };
    });
    return best && best.e;
  }

  function contains(terms, phrase) {
    for (var i = 0; i + phrase.length <= terms.length; i++) {
      var ok = true;
      for (var j = 0; j < phrase.length && ok; j++) ok = terms[i + j] === phrase[j];
      if (ok) return true;
    }
    return false;
  }

  function expand(terms, groups) {
    var have = new Set(terms), extra = [];
    groups.forEach(function (group) {
      if (!group.some(function (p) { return contains(terms, p); })) return;
      group.forEach(function (p) {
        p.forEach(function (t) { if (!have.has(t)) { have.add(t); extra.push(t); } });
      });
    });
    return extra;
  }

  // -- the index --------------------------------------------------------------------------------------------

  function Index(meta) {
    this.meta = meta;
    this.analyzer = new Analyzer(meta.lang);
  }

  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1, best = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return best;
  }

  Index.prototype.termShard = function (term) { return "t" + shardOf(this.meta.terms, term); };
  Index.prototype.lexShard = function (group) { return "l" + shardOf(this.meta.lexicon, group); };

  Index.prototype.loadTerms = function (terms) {
    var self = this;
    if (!this.meta.terms.length) return Promise.resolve();
    return loadAll(terms.map(function (t) { return self.termShard(t); }));
  };

  Index.prototype.postings = function (term) {
    if (!this.meta.terms.length) return null;
    var shard = loaded[this.termShard(term)];
    return shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
  };

  /** {terms: [[term, weight]], suggestion, marked: Set} for a query (Python: _query.plan). */
  Index.prototype.plan = function (query) {
    var self = this, meta = this.meta, a = this.analyzer;
    var words = a.words(query).filter(function (w) { return w.term; }).slice(0, meta.maxWords);
    return this.loadTerms(words.map(function (w) { return w.term; })).then(function () {
      var unknown = words.filter(function (w) {
        return !self.postings(w.term) && length(w.surface) >= meta.minCorrectable && LETTERS.test(w.surface);
      });
      // a word of the language (it has a meaning vector) is not a typo: its small vector file (rerank fetches
      // the same ones) comes first, and a lexicon file only for the words that are none
      var vectors = meta.meaning ? unknown.map(function (w) { return self.vectorShard(w.surface); }) : [];
      var fixable = [];
      return loadAll(vectors).then(function () {
        fixable = unknown.filter(function (w) { return !self.real(w.surface); });
        var groups = [].concat.apply([], fixable.map(function (w) { return correctionGroups(w.surface); }));
        return meta.lexicon.length ? loadAll(groups.map(function (g) { return self.lexShard(g); })) : null;
      }).then(function () {
        var fixes = [], sequence = words.map(function (w) {
          if (fixable.indexOf(w) < 0) return w.term;
          var candidates = meta.lexicon.length ? [].concat.apply([], correctionGroups(w.surface).map(function (g) {
            var shard = loaded[self.lexShard(g)];
            return ((shard && shard[g]) || []).map(lexiconEntry);
          })) : null;
          var fix = correct(w.surface, candidates);
          if (!fix) return w.term;
          fixes.push([w.start, w.end, fix[0]]);
          return fix[1];
        });
        var typed = sequence.filter(function (t, i) { return sequence.indexOf(t) === i; }).slice(0, meta.maxTerms);
        var extra = expand(sequence, meta.synonyms);
        var terms = typed.map(function (t) { return [t, meta.typedWeight]; })
          .concat(extra.map(function (t) { return [t, meta.synonymWeight]; }));
        var suggestion = null;
        if (fixes.length) {
          var norm = normalize(query, a.fold), out = "", pos = 0;
          fixes.forEach(function (f) { out += norm.slice(pos, f[0]) + f[2]; pos = f[1]; });
          suggestion = out + norm.slice(pos);
        }
        return self.loadTerms(terms.map(function (t) { return t[0]; })).then(function () {
          return { terms: terms, suggestion: suggestion, typed: typed.length };
        });
      });
    });
  };

  /** How many articles contain `term` (0 when none, or its shard is not loaded). */
  Index.prototype.df = function (term) {
    var p = this.postings(term);
    return p ? (p.split(",").length >> 1) : 0;
  };

  /** The most one term can score (Python: _confidence.ceiling): round(scale × idf × (k1 + 1)). */
  function ceiling(meta, df) {
    var n = meta.docs, idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return Math.round(meta.scale * idf * (meta.confidence.k1 + 1));
  }

  /** For the query of `plan`, whether a hit ([doc, score, cosine]) is a good answer (Python: Cutoff.confident):
   *  its meaning cosine reaches the index's cut-off, and so does its score over the most the typed terms could
   *  score, unless the cosine reaches the `close` one. */
  Index.prototype.judge = function (plan) {
    var self = this, c = this.meta.confidence, top = 0;
    plan.terms.slice(0, plan.typed).forEach(function (tw) { top += tw[1] * ceiling(self.meta, self.df(tw[0])); });
    return function (e) {
      var similarity = e[2] || 0;
      if (c.similarity !== null && similarity < c.similarity) return false;
      return (top > 0 ? e[1] / top : 0) >= c.coverage || (c.close != null && similarity >= c.close);
    };
  };

  /** Where in each of `docs` the query's terms ([term, weight]) weigh most (Python: Engine._place): the place
   *  with the highest sum of weight × score, ties to the earlier; 0 is the article's top, k its k-th section
   *  with an anchor. A Map doc → place. */
  Index.prototype.places = function (terms, docs) {
    var self = this, sums = new Map(), best = new Map();
    docs.forEach(function (d) { sums.set(d, new Map()); });
    terms.forEach(function (tw) {
      var p = self.postings(tw[0]);
      if (!p) return;
      var parts = p.split(","), doc = 0;
      for (var i = 0; i + 1 < parts.length; i += 2) {
        doc += parseInt(parts[i], 36);
        var mine = sums.get(doc), cell = parts[i + 1], score = parseInt(cell, 36);
        if (!mine || !score) continue;
        var dot = cell.indexOf("."), place = dot < 0 ? 0 : parseInt(cell.slice(dot + 1), 36);
        mine.set(place, (mine.get(place) || 0) + tw[1] * score);
      }
    });
    docs.forEach(function (d) {
      var top = 0, value = -1, mine = sums.get(d);
      Array.from(mine.keys()).sort(function (x, y) { return x - y; }).forEach(function (place) {
        if (mine.get(place) > value) { value = mine.get(place); top = place; }
      });
      best.set(d, top);
    });
    return best;
  };

  /** Promise of {query, hits, suggestion, confident, terms} (`confident`: the first hit is a good answer, see
   *  search_index/_confidence.py; false without hits). Each hit: {slug, title, url, href, score, confident,
   *  description, section, anchor}: `url` is the article's page relative to the locale root, `href` the link to
   *  open (from this page; it ends in "#" + anchor when a section carries the match), `section` that section's
   *  heading and `anchor` its id ("" both when the article's top carries it), `description` the one-line
   *  summary, `confident` whether it is a good answer, `languages` the [lang, dir] of its title, description and
   *  section heading when shown in another language than the page's (not translated yet; 0 each otherwise). */
  Index.prototype.search = function (query, limit) {
    var self = this, meta = this.meta;
    limit = limit || 5;
    return this.plan(query).then(function (plan) {
      var scores = new Map();
      plan.terms.forEach(function (tw) {
        var p = self.postings(tw[0]);
        if (!p) return;
        var parts = p.split(","), doc = 0;
        for (var i = 0; i + 1 < parts.length; i += 2) {
          doc += parseInt(parts[i], 36);
          scores.set(doc, (scores.get(doc) || 0) + tw[1] * parseInt(parts[i + 1], 36));
        }
      });
      var ranked = Array.from(scores.entries()).filter(function (e) { return e[1] > 0; });
      ranked.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
      ranked = ranked.slice(0, Math.max(limit, meta.meaning ? meta.meaning.rerank : 0));
      // meaning from the words the customer meant: the corrected query when a word was misspelt (Python: _rank)
      return self.rerank(ranked, plan.suggestion || query).then(function (reranked) {
        ranked = reranked.slice(0, limit);
        var chunks = ranked.map(function (e) { return "d" + Math.floor(e[0] / meta.docChunk); });
        return loadAll(chunks);
      }).then(function () {
        var places = self.places(plan.terms, ranked.map(function (e) { return e[0]; })), good = self.judge(plan);
        var hits = ranked.map(function (e) {
          var d = loaded["d" + Math.floor(e[0] / meta.docChunk)][e[0] % meta.docChunk];
          var place = places.get(e[0]), section = place ? d[4][place - 1] : ["", ""], parts = d[5] || [0, 0, 0];
          return { slug: d[0], title: d[1], url: d[2], description: d[3], score: e[1] / meta.scale, confident: good(e),
                   href: BASE + "../../" + d[2] + (section[0] ? "#" + section[0] : ""),
                   section: section[1], anchor: section[0],
                   languages: [parts[0], parts[1], place && parts[2] ? parts[2][place - 1] : 0] };
        });
        return { query: query, hits: hits, suggestion: plan.suggestion, confident: hits.length > 0 && hits[0].confident,
                 terms: new Set(plan.terms.map(function (t) { return t[0]; })) };
      });
    });
  };

  // -- meaning vectors (search_index/_meaning.py) -------------------------------------------------------------

  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** The signed bytes of a base64 string. */
  function int8s(b64) {
    var out = [], acc = 0, bits = 0;
    for (var i = 0; i < b64.length; i++) {
      var c = B64.indexOf(b64.charAt(i));
      if (c < 0) break;  // "=" padding
      acc = ((acc << 6) | c) & 0xffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        var b = (acc >> bits) & 0xff;
        out.push(b > 127 ? b - 256 : b);
      }
    }
    return out;
  }

  /** dot / sqrt(qq × aa) from exact integers (Python: _meaning.cosine). */
  function cosine(dot, qq, aa) { return qq <= 0 || aa <= 0 ? 0 : dot / Math.sqrt(qq * aa); }

  /** 32-bit FNV-1a of the word's UTF-16 code units (Python: _browser.word_shard). */
  function wordShard(word, shards) {
    var h = 2166136261;
    for (var i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619) >>> 0;
    return h % shards;
  }

  Index.prototype.vectorShard = function (word) { return "v" + wordShard(word, this.meta.meaning.shards); };

  /** Whether `word` (normalized) is a word of the language: it has a meaning vector, its file loaded (false
   *  without meaning vectors; Python: Engine._real). */
  Index.prototype.real = function (word) {
    if (!this.meta.meaning) return false;
    var shard = loaded[this.vectorShard(word)];
    return !!shard && Object.prototype.hasOwnProperty.call(shard, word);
  };

  /** `ranked` ([doc, score], best first) with its first `rerank` reordered (each then [doc, score, cosine]) by score / best + weight × cosine
   *  of the query's and the article's meaning vectors, ties in score order (Python: Engine._order, _meaning). */
  Index.prototype.rerank = function (ranked, query) {
    var self = this, m = this.meta.meaning;
    if (!m || !ranked.length) return Promise.resolve(ranked);
    var head = ranked.slice(0, m.rerank), rest = ranked.slice(m.rerank);
    var words = this.analyzer.words(query).slice(0, m.maxWords).map(function (w) { return w.surface; });
    var names = words.map(function (w) { return self.vectorShard(w); })
      .concat(head.map(function (e) { return "a" + Math.floor(e[0] / m.chunk); }));
    return loadAll(names).then(function () {
      var q = [], qq = 0, i;
      for (i = 0; i < m.dims; i++) q.push(0);
      words.forEach(function (w) {
        var shard = loaded[self.vectorShard(w)];
        if (!shard || !Object.prototype.hasOwnProperty.call(shard, w)) return;
        var v = int8s(shard[w]);
        for (var k = 0; k < m.dims; k++) q[k] += v[k];
      });
      for (i = 0; i < m.dims; i++) qq += q[i] * q[i];
      var best = head[0][1] || 1;
      var scored = head.map(function (e, pos) {
        var a = int8s(loaded["a" + Math.floor(e[0] / m.chunk)][e[0] % m.chunk]), dot = 0, aa = 0;
        for (var k = 0; k < m.dims; k++) { dot += q[k] * a[k]; aa += a[k] * a[k]; }
        var sim = cosine(dot, qq, aa);
        return { e: [e[0], e[1], sim], pos: pos, value: e[1] / best + m.weight * sim };
      });
      scored.sort(function (x, y) { return y.value - x.value || x.pos - y.pos; });
      return scored.map(function (x) { return x.e; }).concat(rest);
    });
  };

  var opened = null;

  /** The index of this page's locale, loaded once (meta + stemmer). */
  function open() {
    if (!opened) {
      opened = load("meta").then(function (meta) {
        var index = new Index(meta);
        return loadSnowball(index.analyzer, meta.lang).then(function () { return index; });
      });
    }
    return opened;
  }

  function search(query, limit) {
    return open().then(function (index) { return index.search(query, limit); });
  }

  // -- the search boxes -------------------------------------------------------------------------------------

  /** Mark `el` as written in another language than the page's: `language` is [lang, dir] (dir may be ""), or 0. */
  function inLanguage(el, language) {
    if (!language) return;
    el.lang = language[0];
    if (language[1]) el.dir = language[1];
  }

  /** Append `text` to `parent`, wrapping words that match `terms` in <mark> (text nodes only: escaped). */
  function highlight(parent, text, terms, analyzer) {
    var doc = root.document, pos = 0, m;
    RAW_WORD.lastIndex = 0;
    while ((m = RAW_WORD.exec(text))) {
      var hit = analyzer.terms(m[0]).some(function (t) { return terms.has(t); });
      if (!hit) continue;
      parent.appendChild(doc.createTextNode(text.slice(pos, m.index)));
      var mark = doc.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      pos = m.index + m[0].length;
    }
    parent.appendChild(doc.createTextNode(text.slice(pos)));
  }

  function render(box, results, index) {
    var doc = root.document, list = box.querySelector(".hk-search-results"), input = box.querySelector(".hk-search-input");
    list.textContent = "";
    if (results.suggestion) {
      var p = doc.createElement("li");
      p.className = "hk-search-suggestion";
      p.appendChild(doc.createTextNode((box.getAttribute("data-hk-did-you-mean") || "Did you mean") + " "));
      var fix = doc.createElement("a");
      fix.href = "#";
      fix.textContent = results.suggestion;
      fix.addEventListener("click", function (ev) {
        ev.preventDefault();
        input.value = results.suggestion;
        run(box);
      });
      p.appendChild(fix);
      p.appendChild(doc.createTextNode("?"));
      list.appendChild(p);
    }
    if (!results.hits.length) {
      var none = doc.createElement("li");
      none.className = "hk-search-empty";
      none.textContent = box.getAttribute("data-hk-no-results") || "No matching articles";
      list.appendChild(none);
    } else if (!results.confident) {  // a weak first hit: shown, but not as an answer
      var weak = doc.createElement("li");
      weak.className = "hk-search-weak";
      weak.textContent = box.getAttribute("data-hk-weak") || "None of these may answer your question.";
      list.appendChild(weak);
    }
    results.hits.forEach(function (hit) {
      var li = doc.createElement("li"), a = doc.createElement("a");
      a.className = "hk-search-result";
      a.href = hit.href;
      var title = doc.createElement("span");
      title.className = "hk-search-result__title";
      if (hit.languages[0]) {  // the title in another language than the page's, its section heading maybe not
        var titleText = doc.createElement("span");
        highlight(titleText, hit.title, results.terms, index.analyzer);
        inLanguage(titleText, hit.languages[0]);
        title.appendChild(titleText);
      } else {
        highlight(title, hit.title, results.terms, index.analyzer);
      }
      if (hit.section) {
        var section = doc.createElement("span");
        section.className = "hk-search-result__section";
        highlight(section, hit.section, results.terms, index.analyzer);
        inLanguage(section, hit.languages[2]);
        title.appendChild(doc.createTextNode(" "));
        title.appendChild(section);
      }
      var snippet = doc.createElement("span");
      snippet.className = "hk-search-result__snippet";
      highlight(snippet, hit.description, results.terms, index.analyzer);
      inLanguage(snippet, hit.languages[1]);
      a.appendChild(title);
      a.appendChild(snippet);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    box.setAttribute("data-hk-confident", results.confident ? "true" : "false");
    box.setAttribute("data-hk-state", "done");
  }

  /** Search what the box holds and show the results; `go`: then open the first result (Enter pressed before the
   * search of what was typed had finished). */
  function run(box, go) {
    var input = box.querySelector(".hk-search-input"), list = box.querySelector(".hk-search-results");
    var query = input.value;
    var limit = parseInt(box.getAttribute("data-hk-limit") || "8", 10);
    if (!query.trim()) { list.textContent = ""; list.hidden = true; return; }
    box.setAttribute("data-hk-state", "searching");
    var ticket = (box.hkTicket = (box.hkTicket || 0) + 1);
    open().then(function (index) {
      return index.search(query, limit).then(function (results) {
        if (ticket !== box.hkTicket) return;
        render(box, results, index);
        box.hkShown = query;
        var first = box.querySelector(".hk-search-result");
        if (go && first) root.location.href = first.href;
      });
    }).catch(function (e) {
      box.setAttribute("data-hk-state", "error");
      if (root.console) root.console.error(e);
    });
  }

  function bind(box) {
    if (box.hkBound) return;
    box.hkBound = true;
    var input = box.querySelector(".hk-search-input"), timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(box); }, 80);
    });
    input.addEventListener("focus", function () { open(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; run(box); }
    });
    box.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = box.querySelector(".hk-search-result");
      // the results shown are those of what the box holds: open the first; else search it now, then open it
      // (Enter straight after typing or pasting had only started the search, and a second Enter was needed)
      if (first && box.getAttribute("data-hk-state") === "done" && box.hkShown === input.value) {
        root.location.href = first.href;
      } else {
        clearTimeout(timer);
        run(box, true);
      }
    });
    if (input.value) run(box);
  }

  function bindAll() {
    Array.prototype.forEach.call(root.document.querySelectorAll("form.hk-search"), bind);
  }

  root.HelpkitSearch = { register: register, search: search, open: open, normalize: normalize, porter: porter,
                         inLanguage: inLanguage,
                         Analyzer: Analyzer, bindAll: bindAll };

  if (root.document) {
    if (root.document.readyState === "loading") root.document.addEventListener("DOMContentLoaded", bindAll);
    else bindAll();
  }
})(typeof window !== "undefined" ? window : globalThis);
