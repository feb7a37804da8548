/**
 * The report's script, inlined into the page: the explanation panel of a heat-map cell (on
 * click or Enter), and choosing the connection whose flow entries are marked in its step's
 * flow tables. Everything it shows is already in the page (data attributes); without
 * JavaScript the page still shows all of it (cell titles, the first connection marked).
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var panel = document.getElementById('explain');
  var body = panel ? panel.querySelector('.text') : null;
  var active = null;
  function show(cell) {
    if (!panel || !body) return;
    if (active) active.classList.remove('active');
    active = cell;
    cell.classList.add('active');
    body.textContent = cell.getAttribute('data-explain') || '';
    panel.classList.add('shown');
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var cell = t.closest('td.cell[data-explain]');
    if (cell) { show(cell); return; }
    if (t.closest('#explain button')) { panel.classList.remove('shown'); if (active) active.classList.remove('active'); return; }
    var sel = t.closest('button.select');
    if (sel) { ev.preventDefault(); select(sel.closest('.conn')); }
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (ev.key === 'Enter' && t instanceof Element && t.matches('td.cell[data-explain]')) show(t);
    if (ev.key === 'Escape' && panel) panel.classList.remove('shown');
  });
  function select(conn) {
    if (!conn) return;
    var step = conn.closest('.step');
    if (!step) return;
    step.querySelectorAll('.conn.selected').forEach(function (c) { c.classList.remove('selected'); });
    conn.classList.add('selected');
    var entries = {};
    (conn.getAttribute('data-entries') || '').split(';').forEach(function (part) {
      var i = part.indexOf('=');
      if (i > 0) entries[part.slice(0, i)] = part.slice(i + 1).split(',');
    });
    step.querySelectorAll('figure.flow-table').forEach(function (fig) {
      var list = entries[fig.getAttribute('data-node')] || [];
      fig.querySelectorAll('span.flow').forEach(function (span) {
        span.classList.toggle('marked', list.indexOf(span.getAttribute('data-flow')) >= 0);
      });
    });
  }
})();
`;
