import { css } from 'lit';

/** The companies table fits its card at every width: a table when there is room, stacked rows below 720 px of card. */
export const companiesStyles = css`
  .card { container-type: inline-size; }
  .summary { margin: 2px 0 0; }
  .toolbar { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0; }
  .toolbar .grow { flex: 1 1 220px; min-width: 0; }
  .toolbar .select { flex: 1 1 150px; max-width: 220px; min-width: 130px; }
  @container (max-width: 520px) { .toolbar .select { max-width: none; flex-basis: 100%; } }
  .grow { flex: 1; }
  .progress { margin: 8px 0 4px; }
  .bar { height: 8px; border-radius: 999px; background: var(--_subtle); border: 1px solid var(--_border); overflow: hidden; margin-top: 6px; }
  .bar span { display: block; height: 100%; background: var(--_primary); transition: width 0.3s ease; }
  table { width: 100%; border-collapse: collapse; table-layout: auto; }
  th { text-align: left; font-size: 0.78rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); padding: 8px; border-bottom: 1px solid var(--_border); white-space: nowrap; }
  td { padding: 10px 8px; border-bottom: 1px solid var(--_border); vertical-align: top; min-width: 0; overflow-wrap: break-word; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  /* Fixed layout: the columns take the card's width and an expanded row's wide subscription table scrolls inside its cell instead of widening the card. */
  table.companies { table-layout: fixed; }
  table.companies th.subs-col { white-space: normal; width: 136px; }
  table.companies th.client-col { width: 38%; }
  table.companies th.actions-col { width: 118px; }
  table.companies td.actions { white-space: nowrap; text-align: right; }
  tbody.open > tr:first-child > td { border-bottom-color: transparent; }
  tr.panel > td { background: var(--_subtle); padding: 12px; }
  .expander { border: 0; background: none; padding: 2px 4px 2px 0; min-height: 0; font-weight: 600; text-align: left; white-space: normal; justify-content: flex-start; color: var(--_text); }
  .expander:hover:not(:disabled) { background: none; text-decoration: underline; }
  .expander .chev { display: inline-flex; transition: transform 0.15s; color: var(--_muted); }
  .expander[aria-expanded='true'] .chev { transform: rotate(90deg); }
  .meta { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 2px 0 0 22px; }
  .site { overflow-wrap: anywhere; }
  .mapped { display: flex; gap: 8px; align-items: flex-start; justify-content: space-between; }
  .mapped-text { min-width: 0; }
  .why { display: flex; gap: 6px; align-items: flex-start; color: var(--_warning); background: var(--_warning-bg); padding: 4px 8px; border-radius: 6px; margin: 6px 0 0; }
  .flip { display: inline-flex; transform: rotate(180deg); }
  .pager { margin-top: 10px; }
  .empty { padding: 24px 8px; text-align: center; }
  .subs-head { margin-bottom: 8px; }
  .subs-head select { width: auto; min-width: 150px; }
  label.inline { margin: 0; }
  .subs-scroll { overflow-x: auto; max-width: 100%; position: relative; }
  table.subs th, table.subs td { white-space: normal; }
  table.subs td:first-child { min-width: 200px; }
  table.subs { background: var(--_surface); border: 1px solid var(--_border); border-radius: 6px; }
  table.subs td, table.subs th { padding: 7px 8px; }
  table.subs .strong { font-weight: 500; }
  button .label { display: inline; }
  @container (max-width: 720px) {
    table.companies, table.companies > tbody, table.companies > tbody > tr, table.companies > tbody > tr > td { display: block; width: 100%; }
    table.companies > thead { display: none; }
    table.companies > tbody { border-bottom: 1px solid var(--_border); padding: 8px 0; }
    table.companies > tbody > tr > td { border: 0; padding: 4px 0; min-width: 0; }
    table.companies td.client, table.companies td.actions { width: 100%; min-width: 0; text-align: left; }
    table.companies > tbody > tr > td.num { text-align: left; }
    table.companies > tbody > tr > td.num::before { content: attr(data-label) ': '; color: var(--_muted); font-size: 0.86rem; }
    tr.panel > td { padding: 8px !important; border-radius: 6px; }
    table.subs, table.subs tbody, table.subs tr, table.subs td { display: block; width: 100%; }
    table.subs thead { display: none; }
    table.subs tr { border-bottom: 1px solid var(--_border); padding: 6px 8px; }
    table.subs td { border: 0; padding: 2px 0; text-align: left; display: flex; gap: 8px; }
    table.subs td::before { content: attr(data-label); color: var(--_muted); font-size: 0.86rem; flex: 0 0 110px; }
    table.subs td > .v { min-width: 0; }
  }
`;
