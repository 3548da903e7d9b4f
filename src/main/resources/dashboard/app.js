// Knowledge Router dashboard: plain JavaScript, no framework, no build step, nothing from the network
// but this server's JSON API. Every piece of data reaches the page as text (textContent, or a text node
// through el()); no markup is ever built from strings.
'use strict';

(() => {
  const TOKEN_KEY = 'kr.token';
  const VIEWS = ['ask', 'recent', 'collections', 'code', 'report'];
  const HEALTH_PARTS = [['store', 'Store'], ['embedder', 'Embedder'], ['local_model', 'Local model'], ['claude', 'Claude']];
  const HEALTH_EVERY_MS = 30000;
  const RECENT_LIMIT = 20;

  const $ = (id) => document.getElementById(id);

  /** An element with attributes and children; strings become text nodes, null/false are left out. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === 'class') {
        node.className = value;
      } else if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function setStatus(node, text, kind) {
    node.textContent = text || '';
    node.classList.toggle('error', kind === 'error');
    node.classList.toggle('ok', kind === 'ok');
  }

  function fmtScore(x) {
    return typeof x === 'number' ? x.toFixed(3) : '–';
  }

  function fmtWhen(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  function clip(text, max) {
    const s = String(text || '');
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  // ---- answers: a small Markdown subset, built as elements ---------------------------------------------

  /** `code`, **bold** and *emphasis* within a line, as text nodes and elements. */
  function inline(text) {
    return String(text).split(/(`[^`\n]+`|\*\*(?:[^*\n]|\*(?!\*))+\*\*|\*[^*\s](?:[^*\n]*[^*\s])?\*)/)
      .filter((part) => part !== '').map((part) => {
        if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
          return el('code', null, part.slice(1, -1));
        }
        if (part.length > 4 && part.startsWith('**') && part.endsWith('**')) {
          return el('strong', null, inline(part.slice(2, -2)));
        }
        if (part.length > 2 && part.startsWith('*') && part.endsWith('*') && !part.startsWith('**')) {
          return el('em', null, part.slice(1, -1));
        }
        return part;
      });
  }

  /**
   * Model answers and stored entries are Markdown: fenced code, headings, lists and paragraphs are
   * shown as such, everything else as the text it is. Never parsed as HTML: a tag in an answer stays
   * visible text.
   */
  function markdown(text) {
    const out = document.createDocumentFragment();
    const lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) {
        out.append(el('p', null, inline(paragraph.join('\n'))));
        paragraph = [];
      }
      list = null;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const fence = line.match(/^\s*(```|~~~)\s*([\w+-]*)/);
      if (fence) {
        flush();
        const code = [];
        for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++) {
          code.push(lines[i]);
        }
        out.append(el('pre', { dataset: fence[2] ? { lang: fence[2] } : null }, el('code', null, code.join('\n'))));
        continue;
      }
      const heading = line.match(/^#{1,6}\s+(.*)$/);
      if (heading) {
        flush();
        out.append(el('p', { class: 'md-heading' }, inline(heading[1])));
        continue;
      }
      const item = line.match(/^\s*([-*+]|\d+[.)])\s+(.*)$/);
      if (item) {
        if (paragraph.length) {
          const keep = list;
          flush();
          list = keep;
        }
        const ordered = /\d/.test(item[1]);
        if (!list || list.ordered !== ordered) {
          list = { ordered, node: el(ordered ? 'ol' : 'ul') };
          out.append(list.node);
        }
        list.node.append(el('li', null, inline(item[2])));
        continue;
      }
      if (line.trim() === '') {
        flush();
        continue;
      }
      if (list && /^\s{2,}\S/.test(line)) {
        list.node.lastChild.append('\n', ...inline(line.trim()));
        continue;
      }
      list = null;
      paragraph.push(line);
    }
    flush();
    return out;
  }

  // ---- the API, with the bearer token when one is set ----------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function token() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  /**
   * Calls the API at a path relative to the page (so a reverse proxy may mount it anywhere).
   * options: method, json (a body to send as JSON), accept, text (read the body as text),
   * allow (statuses besides 2xx whose body is still the answer, e.g. 503 from /health).
   */
  async function api(path, options = {}) {
    const headers = new Headers();
    headers.set('Accept', options.accept || 'application/json');
    const bearer = token();
    if (bearer) {
      headers.set('Authorization', 'Bearer ' + bearer);
    }
    let body;
    if (options.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.json);
    }
    let response;
    try {
      response = await fetch(path, { method: options.method || 'GET', headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'unreachable', 'the router did not answer (' + e.message + '); is `kr serve` still running?');
    }
    const allowed = response.ok || (options.allow || []).includes(response.status);
    if (!allowed) {
      let code = 'http_' + response.status;
      let message = response.statusText || 'request failed';
      if ((response.headers.get('Content-Type') || '').includes('json')) {
        try {
          const problem = await response.json();
          code = problem.error || code;
          message = problem.message || message;
        } catch (e) {
          // Not the JSON it claimed to be: the status says enough.
        }
      }
      if (response.status === 401) {
        askForToken(bearer ? 'The server refused this token: ' + message : 'This server needs an access token: ' + message);
      }
      throw new ApiError(response.status, code, message);
    }
    if (options.raw) {
      return response;
    }
    return options.text ? response.text() : response.json();
  }

  // A streamed answer (POST /v1/query with Accept: text/event-stream): route, token..., done. Resolves to
  // the final record; a server that answers with plain JSON is read as before.
  async function readAnswerStream(response, on) {
    if (!(response.headers.get('Content-Type') || '').includes('text/event-stream')) {
      return response.json();
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        throw new ApiError(0, 'stream_ended', 'the answer stream ended before its final record');
      }
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = 'message';
        let data = null;
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data = JSON.parse(line.slice(6));
        }
        if (data === null) continue;
        if (name === 'done') return data;
        if (name === 'error') throw new ApiError(0, data.error, data.message);
        if (on[name]) on[name](data);
      }
    }
  }

  function renderStreaming() {
    const text = el('div', { class: 'answer-text streaming', id: 'answer-text', 'aria-live': 'polite' });
    $('answer').replaceChildren(el('article', { class: 'answer panel', 'aria-labelledby': 'answer-title' },
      el('div', { class: 'answer-head' }, el('h3', { id: 'answer-title' }, 'Answer'),
        el('span', { class: 'badge', id: 'answer-status' }, 'streaming')),
      text));
    return text;
  }

  function describe(error) {
    if (error instanceof ApiError) {
      return error.status ? error.message + ' (' + error.status + ' ' + error.code + ')' : error.message;
    }
    return String(error && error.message ? error.message : error);
  }

  // ---- access token ------------------------------------------------------------------------------------

  function showTokenState(message) {
    const set = token() !== '';
    $('token-input').placeholder = set ? 'a token is set for this tab' : 'paste the token';
    $('token-panel').classList.toggle('has-token', set);
    setStatus($('token-status'), message || (set
      ? 'A token is set; it is sent as "Authorization: Bearer …" and kept only while this tab is open.'
      : 'No token set. A server on 127.0.0.1 needs none.'));
  }

  function askForToken(message) {
    const panel = $('token-panel');
    panel.open = true;
    setStatus($('token-status'), message, 'error');
    $('token-input').focus();
  }

  function setUpToken() {
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token-input').value.trim();
      try {
        if (value) {
          sessionStorage.setItem(TOKEN_KEY, value);
        } else {
          sessionStorage.removeItem(TOKEN_KEY);
        }
      } catch (e) {
        setStatus($('token-status'), 'This browser does not allow session storage, so the token cannot be kept: ' + e.message, 'error');
        return;
      }
      $('token-input').value = '';
      showTokenState(value ? 'Saved for this tab.' : 'No token set.');
      refreshHealth();
      loaded.clear();
      show(currentView());
    });
    $('token-clear').addEventListener('click', () => {
      try {
        sessionStorage.removeItem(TOKEN_KEY);
      } catch (e) {
        // Nothing was kept then.
      }
      $('token-input').value = '';
      showTokenState('Forgotten.');
    });
    showTokenState();
  }

  // ---- health strip ------------------------------------------------------------------------------------

  async function refreshHealth() {
    const summary = $('health-summary');
    const list = $('health-parts');
    let health;
    try {
      health = await api('health', { allow: [503] });
    } catch (error) {
      summary.dataset.status = 'unknown';
      setStatus(summary, 'Health unknown: ' + describe(error), 'error');
      return;
    }
    // A server on an exposed address tells callers without its token only "up" or "down", without the parts.
    const ok = health.status === 'ok' || health.status === 'up';
    const partsShown = HEALTH_PARTS.some(([key]) => key in health);
    summary.dataset.status = ok ? 'ok' : 'down';
    setStatus(summary, (ok ? 'The router can answer.' : 'The router cannot answer: the store or the embedder is down.')
      + (partsShown ? '' : ' The server shows each part with its access token.')
      + ' Checked ' + new Date().toLocaleTimeString() + '.', ok ? 'ok' : 'error');
    list.replaceChildren(...HEALTH_PARTS.filter(([key]) => key in health).map(([key, label]) => {
      const part = health[key] || {};
      const up = part.up === true;
      const why = up ? part.detail : part.reason;
      return el('li', { class: 'part ' + (up ? 'up' : 'down'), dataset: { part: key, up: String(up) } },
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('strong', null, label),
        ' ',
        el('span', { class: 'state' }, up ? 'up' : 'down'),
        why ? el('span', { class: 'why', title: why }, why) : null);
    }));
  }

  // ---- feedback ----------------------------------------------------------------------------------------

  /**
   * Good/bad buttons for one interaction. onRated(result) gets the API's answer, whose outcome the
   * caller shows; the buttons keep the verdict in force pressed.
   */
  function feedbackControls(interactionId, verdict, onRated) {
    const status = el('span', { class: 'feedback-status', role: 'status' });
    const buttons = ['good', 'bad'].map((v) => el('button', {
      type: 'button',
      class: 'verdict ' + v,
      dataset: { verdict: v },
      'aria-pressed': String(verdict === v),
      title: v === 'good' ? 'Good answer: counts as a success' : 'Bad answer: counts as a failure',
    }, v === 'good' ? 'Good' : 'Bad'));
    const group = el('div', { class: 'feedback', role: 'group', 'aria-label': 'Rate this answer', dataset: { interaction: interactionId } },
      buttons, status);
    buttons.forEach((button) => button.addEventListener('click', async () => {
      const v = button.dataset.verdict;
      buttons.forEach((b) => { b.disabled = true; });
      setStatus(status, 'Saving…');
      try {
        const result = await api('v1/interactions/' + encodeURIComponent(interactionId) + '/feedback',
          { method: 'POST', json: { verdict: v } });
        buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.verdict === result.verdict)));
        setStatus(status, 'Saved: ' + result.verdict + '.', 'ok');
        onRated(result);
      } catch (error) {
        setStatus(status, 'Not saved: ' + describe(error), 'error');
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    }));
    return group;
  }

  function outcomeBadge(outcome) {
    return el('span', { class: 'badge outcome-' + (outcome || 'unknown'), dataset: { outcome: outcome || '' } }, outcome || 'unknown');
  }

  function targetBadge(target) {
    return el('span', { class: 'badge target-' + (target || 'unknown') }, target || '?');
  }

  // ---- ask ----------------------------------------------------------------------------------------------

  function definition(term, value) {
    if (value === null || value === undefined || value === '') {
      return [];
    }
    return [el('dt', null, term), el('dd', null, value)];
  }

  /** What the answer checks made of the local answer: P(bad) against its threshold. */
  function checksText(checks) {
    if (!checks) {
      return null;
    }
    return 'P(bad) ' + fmtScore(checks.score) + ' against ' + fmtScore(checks.threshold)
      + (checks.doubtful ? ': doubted' : ': trusted');
  }

  function renderAnswer(r) {
    const route = r.route || {};
    const outcomeSlot = el('span', { class: 'outcome-slot' }, 'not rated yet');
    const heading = el('h3', { id: 'answer-title', tabindex: '-1' }, 'Answer');
    const passages = r.context || [];
    const attempts = r.attempts || [];
    const usage = r.usage || {};
    const article = el('article', { class: 'answer panel', 'aria-labelledby': 'answer-title', dataset: { interaction: r.interaction_id } },
      el('div', { class: 'answer-head' },
        heading,
        el('span', { class: 'badge status-' + r.status, id: 'answer-status' }, r.status),
        targetBadge(route.target),
        el('span', { class: 'muted' }, (r.latency_ms ?? '?') + ' ms')),
      el('div', { class: 'answer-text', id: 'answer-text' }, markdown(r.answer)),
      el('div', { class: 'answer-grid' },
        el('section', { 'aria-labelledby': 'route-title' },
          el('h4', { id: 'route-title' }, 'Route'),
          el('dl', { class: 'route', id: 'answer-route' },
            definition('Answered by', route.target),
            definition('Router decided', route.decided),
            definition('Model', route.model),
            definition('Profile', route.profile),
            definition('Relevance', fmtScore(route.relevance)),
            definition('Complexity', route.complexity),
            definition('Reason', route.reason),
            definition('Note', route.note),
            definition('Reused from', route.reused_from
              ? route.reused_from.reference + ' (' + route.reused_from.kind.replace('_', ' ') + ', relevance '
                + fmtScore(route.reused_from.relevance) + ')'
              : null),
            definition('Checks', checksText(route.checks)),
            definition('Cost', usage.cost_usd ? '$' + usage.cost_usd.toFixed(4) + ' (' + usage.input_tokens + ' in, ' + usage.output_tokens + ' out)' : null))),
        el('section', { 'aria-labelledby': 'reasons-title' },
          el('h4', { id: 'reasons-title' }, 'Reasons'),
          el('ul', { class: 'reasons', id: 'answer-reasons' }, (route.reasons || []).map((x) => el('li', null, x))),
          route.checks && route.checks.reasons.length ? [el('h4', null, 'Failed checks'),
            el('ul', { class: 'reasons', id: 'answer-checks' }, route.checks.reasons.map((x) => el('li', null, x)))] : null,
          attempts.length ? [el('h4', null, 'Attempts'), el('ul', { class: 'attempts' }, attempts.map((a) =>
            el('li', null, el('code', null, a.model), ' ', a.outcome, a.error ? ': ' + a.error : '', ' (' + a.latency_ms + ' ms)')))] : null)),
      el('section', { 'aria-labelledby': 'context-title' },
        el('h4', { id: 'context-title' }, 'Context passages (' + passages.length + ')'),
        passages.length === 0 ? el('p', { class: 'muted' }, 'No stored entry was close enough to pass as context.') : null,
        el('ol', { class: 'passages', id: 'answer-context' }, passages.map((p) => el('li', null,
          el('div', { class: 'passage-head' },
            el('span', { class: 'collection' }, p.collection), ' ', el('code', null, p.id), ' ',
            el('span', { class: 'score' }, 'score ' + fmtScore(p.score))),
          el('div', { class: 'passage-text' }, markdown(p.text)))))),
      el('div', { class: 'answer-foot' },
        el('span', { class: 'muted' }, 'Interaction ', el('code', { id: 'answer-id' }, r.interaction_id)),
        el('span', null, 'Outcome: ', outcomeSlot),
        feedbackControls(r.interaction_id, null, (result) => {
          outcomeSlot.replaceChildren(outcomeBadge(result.outcome));
          loaded.delete('recent');
        })));
    $('answer').replaceChildren(article);
    heading.focus();
  }

  // The turns asked and answered since the last "New conversation": sent as the history of the next question,
  // so follow-ups are understood (and routed) in context.
  let conversation = [];

  function renderConversation() {
    const list = $('conversation');
    list.replaceChildren(...conversation.map((turn) =>
      el('li', { class: 'turn turn-' + turn.role, dataset: { role: turn.role } },
        el('span', { class: 'muted' }, turn.role === 'user' ? 'You' : 'Answer'),
        turn.role === 'user' ? el('p', null, turn.content) : el('div', { class: 'answer-text small' }, markdown(turn.content)))));
    list.hidden = conversation.length === 0;
  }

  function setUpAsk() {
    $('new-conversation').addEventListener('click', () => {
      conversation = [];
      renderConversation();
      $('answer').replaceChildren();
      setStatus($('ask-status'), 'New conversation: the next question is asked on its own.');
      $('question').focus();
    });
    $('ask-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const query = $('question').value.trim();
      if (!query) {
        setStatus($('ask-status'), 'Type a question first.', 'error');
        $('question').focus();
        return;
      }
      const request = { query };
      if ($('profile').value) {
        request.profile = $('profile').value;
      }
      if ($('prefer-remote').checked) {
        request.prefer = 'remote';
      }
      if (conversation.length > 0) {
        request.history = conversation.slice();
      }
      const button = $('ask-button');
      button.disabled = true;
      $('answer').setAttribute('aria-busy', 'true');
      setStatus($('ask-status'), 'Asking… (a model answer can take a while)');
      const started = performance.now();
      try {
        const streamed = await api('v1/query', { method: 'POST', json: request, accept: 'text/event-stream', raw: true });
        let text = null;
        const response = await readAnswerStream(streamed, {
          route: (r) => {
            text = renderStreaming();
            setStatus($('ask-status'), r.decided === 'local'
              ? 'Routed local: the answer is shown once its checks have read it…'
              : 'Routed ' + r.decided + '…');
          },
          progress: (p) => setStatus($('ask-status'), 'The local model is writing (' + p.held_pieces + ' pieces); checks follow…'),
          token: (t) => {
            (text || (text = renderStreaming())).append(t.text);
          },
        });
        setStatus($('ask-status'), 'Answered in ' + Math.round(performance.now() - started) + ' ms.', 'ok');
        renderAnswer(response);
        // The turn joins the conversation: the next question carries it as history.
        conversation.push({ role: 'user', content: query }, { role: 'assistant', content: response.answer });
        renderConversation();
        $('question').value = '';
        loaded.delete('recent');
      } catch (error) {
        setStatus($('ask-status'), 'No answer: ' + describe(error), 'error');
      } finally {
        button.disabled = false;
        $('answer').removeAttribute('aria-busy');
      }
    });
    $('question').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        $('ask-form').requestSubmit();
      }
    });
  }

  // ---- recent interactions -------------------------------------------------------------------------------

  function recentRow(i) {
    const route = i.route || {};
    const outcomeCell = el('td', { class: 'outcome' }, outcomeBadge(i.outcome));
    const routeText = route.decided && route.decided !== route.target ? 'router chose ' + route.decided : null;
    return el('tr', { dataset: { interaction: i.id } },
      el('td', { class: 'when' }, el('time', { datetime: i.timestamp }, fmtWhen(i.timestamp))),
      el('td', { class: 'question' },
        el('details', null,
          el('summary', null, clip(i.query, 160)),
          el('div', { class: 'answer-text small' }, markdown(i.answer)),
          route.reason ? el('p', { class: 'muted' }, route.reason) : null,
          el('p', { class: 'muted' }, 'Interaction ', el('code', null, i.id)))),
      el('td', { class: 'route' }, targetBadge(route.target), routeText ? el('div', { class: 'muted' }, routeText) : null,
        route.model && route.model !== route.target ? el('div', { class: 'muted' }, route.model) : null),
      el('td', null, i.status || '',
        route.checks && route.checks.reasons.length
          ? el('div', { class: 'muted' }, route.checks.reasons.map((x) => x.split(':')[0]).join(', '))
          : null,
        route.reused_from ? el('div', { class: 'muted' }, route.reused_from.reference) : null),
      outcomeCell,
      el('td', null, feedbackControls(i.id, i.verdict, (result) => outcomeCell.replaceChildren(outcomeBadge(result.outcome)))));
  }

  async function loadRecent() {
    const status = $('recent-status');
    setStatus(status, 'Loading…');
    try {
      const r = await api('v1/interactions?limit=' + RECENT_LIMIT);
      const rows = r.interactions || [];
      $('recent-rows').replaceChildren(...rows.map(recentRow));
      setStatus(status, rows.length ? rows.length + ' interaction' + (rows.length === 1 ? '' : 's') + '.'
        : 'No interactions yet: ask a question first.');
      return true;
    } catch (error) {
      setStatus(status, 'Could not load interactions: ' + describe(error), 'error');
      return false;
    }
  }

  // ---- collections and search ----------------------------------------------------------------------------

  function collectionCard(c) {
    const searchable = c.kind !== 'history';
    return el('li', { class: 'card collection', dataset: { collection: c.name } },
      el('div', { class: 'card-head' }, el('h3', null, c.name), el('span', { class: 'badge kind-' + c.kind }, c.kind)),
      c.description ? el('p', null, c.description) : null,
      el('p', { class: 'count' }, el('strong', null, String(c.count)), ' entr' + (c.count === 1 ? 'y' : 'ies')),
      el('p', { class: 'muted' }, c.embedder + (c.dimension ? ' · ' + c.dimension + ' dimensions' : '')),
      searchable
        ? el('button', { type: 'button', class: 'secondary small', onclick: () => {
          $('search-collection').value = c.name;
          $('search-text').focus();
        } }, 'Search ' + c.name)
        : el('p', { class: 'muted' }, 'Stored interactions are not searchable; see Recent.'));
  }

  async function loadCollections() {
    const status = $('collections-status');
    setStatus(status, 'Loading…');
    try {
      const r = await api('v1/collections');
      const collections = r.collections || [];
      $('collection-list').replaceChildren(...collections.map(collectionCard));
      const select = $('search-collection');
      const chosen = select.value;
      select.replaceChildren(el('option', { value: '' }, 'all knowledge collections'),
        ...collections.filter((c) => c.kind !== 'history').map((c) => el('option', { value: c.name }, c.name)));
      select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
      setStatus(status, collections.length + ' collections.');
      return true;
    } catch (error) {
      setStatus(status, 'Could not load collections: ' + describe(error), 'error');
      return false;
    }
  }

  function setUpSearch() {
    $('search-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const q = $('search-text').value.trim();
      if (!q) {
        setStatus($('search-status'), 'Type something to search for.', 'error');
        return;
      }
      const params = new URLSearchParams({ q, k: $('search-k').value || '5' });
      if ($('search-collection').value) {
        params.set('collection', $('search-collection').value);
      }
      setStatus($('search-status'), 'Searching…');
      try {
        const r = await api('v1/search?' + params);
        const hits = r.hits || [];
        $('search-hits').replaceChildren(...hits.map((h) => el('li', { class: 'hit', dataset: { id: h.id } },
          el('div', { class: 'passage-head' },
            el('span', { class: 'collection' }, h.collection), ' ', el('code', null, h.id), ' ',
            el('span', { class: 'score' }, 'score ' + fmtScore(h.score))),
          h.title && h.title !== h.id ? el('p', { class: 'hit-title', title: h.title }, h.title) : null,
          h.text ? el('div', { class: 'passage-text' }, markdown(h.text)) : null)));
        setStatus($('search-status'), hits.length ? hits.length + ' hit' + (hits.length === 1 ? '' : 's') + '.' : 'Nothing found.', 'ok');
      } catch (error) {
        $('search-hits').replaceChildren();
        setStatus($('search-status'), 'Search failed: ' + describe(error), 'error');
      }
    });
  }

  // ---- report ------------------------------------------------------------------------------------------

  async function loadReport() {
    const days = $('report-days').value;
    const path = 'v1/report?format=html&days=' + encodeURIComponent(days);
    loadArchive();
    return showReport(path, 'Building the report…');
  }

  /** A report page in the sandboxed frame, fetched (not linked) so the token goes with it. */
  async function showReport(path, waiting) {
    const frame = $('report-frame');
    $('report-link').href = path;
    setStatus($('report-status'), waiting);
    try {
      const html = await api(path, { accept: 'text/html', text: true });
      // No script runs in the frame: it is sandboxed.
      frame.onload = () => {
        const doc = frame.contentDocument;
        if (doc && doc.documentElement) {
          frame.style.height = (doc.documentElement.scrollHeight + 24) + 'px';
        }
      };
      frame.srcdoc = html;
      frame.hidden = false;
      setStatus($('report-status'), '');
      return true;
    } catch (error) {
      setStatus($('report-status'), 'Could not show the report: ' + describe(error), 'error');
      return false;
    }
  }

  /** The weeks kr serve archived (GET /v1/reports), newest first; each one opens in the frame. */
  async function loadArchive() {
    const list = $('archive-weeks');
    try {
      const reports = (await api('v1/reports')).reports || [];
      list.replaceChildren(...reports.map((r) => el('li', { class: 'week' },
        el('button', { type: 'button', class: 'link', dataset: { week: r.week }, onclick: () => openWeek(r.week) }, r.week),
        ' ', el('span', { class: 'muted' }, weekSummary(r)))));
      setStatus($('archive-status'), reports.length ? ''
        : 'None yet: kr serve archives a report every week (report.schedule, Monday 06:00 by default).');
    } catch (error) {
      list.replaceChildren();
      setStatus($('archive-status'), 'Could not list the archived weeks: ' + describe(error), 'error');
    }
  }

  function weekSummary(r) {
    const parts = [r.interactions + ' interaction' + (r.interactions === 1 ? '' : 's')];
    if (typeof r.local_share === 'number') {
      parts.push('local ' + (r.local_share * 100).toFixed(1) + '%');
    }
    if (r.thresholds_applied) {
      parts.push('thresholds applied');
    }
    if (r.notifications_failed) {
      parts.push(r.notifications_failed + ' notification' + (r.notifications_failed === 1 ? '' : 's') + ' failed');
    }
    if (r.trigger === 'catch-up') {
      parts.push('made up at start');
    }
    return parts.join(' · ');
  }

  function openWeek(week) {
    for (const button of $('archive-weeks').querySelectorAll('button')) {
      button.toggleAttribute('aria-current', button.dataset.week === week);
    }
    return showReport('v1/reports/' + encodeURIComponent(week) + '?format=html', 'Opening ' + week + '…');
  }

  // ---- views -------------------------------------------------------------------------------------------

  const code = window.krCodeView({ $, el, api, setStatus, describe, markdown });
  const loaded = new Set();
  const loaders = { recent: loadRecent, collections: loadCollections, code: code.load, report: loadReport };

  function currentView() {
    const name = location.hash.replace(/^#/, '');
    return VIEWS.includes(name) ? name : 'ask';
  }

  async function show(name) {
    for (const view of VIEWS) {
      $('view-' + view).hidden = view !== name;
      const link = $('nav-' + view);
      if (view === name) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
    document.title = (name === 'ask' ? '' : name[0].toUpperCase() + name.slice(1) + ' · ') + 'Knowledge Router';
    if (loaders[name] && !loaded.has(name)) {
      loaded.add(name);
      if (!(await loaders[name]())) {
        loaded.delete(name);
      }
    }
  }

  function start() {
    setUpToken();
    setUpAsk();
    setUpSearch();
    code.setUp();
    $('health-refresh').addEventListener('click', refreshHealth);
    $('recent-refresh').addEventListener('click', loadRecent);
    $('collections-refresh').addEventListener('click', loadCollections);
    $('report-form').addEventListener('submit', (event) => {
      event.preventDefault();
      loadReport();
    });
    window.addEventListener('hashchange', () => show(currentView()));
    show(currentView());
    refreshHealth();
    setInterval(refreshHealth, HEALTH_EVERY_MS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
