// The Code view of the dashboard: an analysed repository's description, frameworks, layers and tour, read-only,
// from GET /v1/repos and GET /v1/repos/{name}/overview. Loaded before app.js, which hands it the page's helpers;
// like the rest of the page it builds every element through el(), so the graph's text stays text.
'use strict';

window.krCodeView = ({ $, el, api, setStatus, describe, markdown }) => {
  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  /** One node as a reader finds it: its name, its type, and where it lives. */
  function nodeLabel(node) {
    const where = node.file_path && node.file_path !== node.name ? node.file_path : null;
    return [el('code', { class: 'node-name' }, node.name || node.id), ' ',
      node.type ? el('span', { class: 'badge node-type' }, node.type) : null,
      where ? [' ', el('span', { class: 'muted node-file' }, where)] : null];
  }

  function layerItem(layer) {
    return el('li', { class: 'layer panel', dataset: { layer: layer.id } },
      el('details', null,
        el('summary', null,
          el('strong', { class: 'layer-name' }, layer.name), ' ',
          el('span', { class: 'badge layer-size' }, plural(layer.size, 'member', 'members'))),
        el('ul', { class: 'members' }, layer.members.map((m) => el('li', { dataset: { node: m.id } },
          nodeLabel(m),
          m.reason ? el('div', { class: 'muted reason' }, m.reason) : null)))),
      layer.description ? el('p', { class: 'layer-description' }, layer.description) : null);
  }

  function stopItem(stop) {
    return el('li', { class: 'stop panel', dataset: { order: String(stop.order) } },
      el('h4', { class: 'stop-title' }, stop.title),
      stop.description ? el('div', { class: 'stop-text' }, markdown(stop.description)) : null,
      el('ul', { class: 'stop-nodes' }, stop.nodes.map((n) => el('li', { dataset: { node: n.id } }, nodeLabel(n)))));
  }

  function render(o) {
    $('code-overview').replaceChildren(
      el('section', { class: 'panel', 'aria-labelledby': 'code-about' },
        el('h3', { id: 'code-about' }, o.name),
        el('p', { id: 'code-description' }, o.description || 'No description: the repository has no README paragraph.'),
        el('dl', { class: 'route' },
          el('dt', null, 'Frameworks'),
          el('dd', { id: 'code-frameworks' }, o.frameworks.length
            ? o.frameworks.map((f) => el('span', { class: 'badge framework' }, f)) : 'none found'),
          el('dt', null, 'Languages'), el('dd', null, o.languages.join(', ') || 'none'),
          el('dt', null, 'Analysed'), el('dd', null, o.analyzed_at + ' · ' + plural(o.nodes, 'node', 'nodes')))),
      el('h3', { id: 'code-layers-title' }, 'Layers (' + o.layers.length + ')'),
      el('p', { class: 'hint' }, 'From the top of the import graph down; open a layer for its files and why each is there.'),
      el('ol', { id: 'code-layers', class: 'layers', 'aria-labelledby': 'code-layers-title' }, o.layers.map(layerItem)),
      el('h3', { id: 'code-tour-title' }, 'Tour (' + plural(o.tour.length, 'stop', 'stops') + ')'),
      el('ol', { id: 'code-tour', class: 'tour', 'aria-labelledby': 'code-tour-title' }, o.tour.map(stopItem)));
  }

  async function show(name) {
    const status = $('code-status');
    if (!name) {
      $('code-overview').replaceChildren();
      return true;
    }
    setStatus(status, 'Loading ' + name + '…');
    try {
      const o = await api('v1/repos/' + encodeURIComponent(name) + '/overview');
      render(o);
      setStatus(status, plural(o.layers.length, 'layer', 'layers') + ', a tour of ' + plural(o.tour.length, 'stop', 'stops') + '.', 'ok');
      return true;
    } catch (error) {
      $('code-overview').replaceChildren();
      setStatus(status, 'Could not load ' + name + ': ' + describe(error), 'error');
      return false;
    }
  }

  async function load() {
    const select = $('code-repo');
    const chosen = select.value;
    setStatus($('code-status'), 'Loading…');
    let repositories;
    try {
      repositories = ((await api('v1/repos')).repositories || []).filter((r) => !r.error);
    } catch (error) {
      setStatus($('code-status'), 'Could not list the repositories: ' + describe(error), 'error');
      return false;
    }
    select.replaceChildren(...repositories.map((r) => el('option', { value: r.name }, r.name)));
    if (repositories.length === 0) {
      $('code-overview').replaceChildren();
      setStatus($('code-status'), 'No repository analysed yet: run kr analyze /path/to/repo first.');
      return true;
    }
    select.value = repositories.some((r) => r.name === chosen) ? chosen : repositories[0].name;
    return show(select.value);
  }

  function setUp() {
    $('code-repo').addEventListener('change', () => show($('code-repo').value));
    $('code-form').addEventListener('submit', (event) => {
      event.preventDefault();
      show($('code-repo').value);
    });
    $('code-refresh').addEventListener('click', load);
  }

  return { load, setUp };
};
