// Understand-Anything's deterministic pipeline on one tree, without its LLM agents, for the side-by-side
// comparison in docs/code.md: the file list of its scan-project.mjs, the import map of its
// extract-import-map.mjs, its core's tree-sitter and non-code parsers and GraphBuilder, then its heuristic
// layers and tour. Prints the counts and the time taken; writes the graph.
// usage: UA_PLUGIN=/path/to/understand-anything-plugin node ua-deterministic.mjs ROOT SCAN.json IMPORTS.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const plugin = process.env.UA_PLUGIN || '/tmp/i19b/ua/understand-anything-plugin';
const core = await import(pathToFileURL(join(plugin, 'packages/core/dist/index.js')).href);
const { TreeSitterPlugin, PluginRegistry, builtinLanguageConfigs, registerAllParsers, GraphBuilder,
  detectLayers, generateHeuristicTour } = core;
const [,, root, scanFile, importFile, out] = process.argv;
const started = performance.now();
const scan = JSON.parse(readFileSync(scanFile, 'utf-8'));
const importMap = JSON.parse(readFileSync(importFile, 'utf-8')).importMap;
const treeSitter = new TreeSitterPlugin(builtinLanguageConfigs.filter((c) => c.treeSitter));
await treeSitter.init();
const registry = new PluginRegistry();
registry.register(treeSitter);
registerAllParsers(registry);
const builder = new GraphBuilder('ua', '');
// The node type its agents give a non-code file, by the scan's category.
const NON_CODE = { docs: 'document', config: 'config', infra: 'config', markup: 'document', data: 'config' };
for (const file of scan.files) {
  const content = readFileSync(join(root, file.path), 'utf-8');
  let analysis = null;
  try {
    analysis = registry.analyzeFile(file.path, content);
  } catch {
    // As extract-structure.mjs: a file its parsers fail on keeps its file node.
  }
  const meta = { summary: '', tags: [], complexity: 'moderate', summaries: {}, fileSummary: file.path };
  if (file.fileCategory === 'code' || file.fileCategory === 'script') {
    if (analysis) builder.addFileWithAnalysis(file.path, analysis, meta);
    else builder.addFile(file.path, meta);
  } else {
    builder.addNonCodeFileWithAnalysis(file.path, { ...meta, ...(analysis || {}), nodeType: NON_CODE[file.fileCategory] || 'file' });
  }
}
for (const [from, targets] of Object.entries(importMap)) {
  for (const to of targets) builder.addImportEdge(from, to);
}
const graph = builder.build();
graph.layers = detectLayers(graph);
graph.tour = generateHeuristicTour(graph);
const seconds = (performance.now() - started) / 1000;
const count = (xs, key) => xs.reduce((m, x) => ({ ...m, [x[key]]: (m[x[key]] || 0) + 1 }), {});
console.log(JSON.stringify({
  seconds: +seconds.toFixed(2), files: scan.files.length,
  nodes: graph.nodes.length, nodesByType: count(graph.nodes, 'type'),
  edges: graph.edges.length, edgesByType: count(graph.edges, 'type'),
  languages: graph.project.languages,
  layers: graph.layers.map((l) => `${l.name} (${l.nodeIds.length})`),
  tour: graph.tour.map((s) => s.title),
}, null, 1));
writeFileSync(out, JSON.stringify(graph));
