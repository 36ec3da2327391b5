/** One valid argument list per ArchiveApi method: the contract drives every transport with them. */
import type { ArchiveApi } from '../../core/api.ts';
import type { MethodName } from '../../core/channels.ts';

export const VALID_ARGS: { [K in MethodName]: Parameters<ArchiveApi[K]> } = {
  getStatus: [],
  listReports: [{ year: 2022, body: '伊春', allVersions: false }],
  getReport: ['2022-a1b2c3'],
  getSource: ['2022-a1b2c3'],
  importFiles: [[{ name: '伊春市2022年报.txt', bytes: new Uint8Array([0xe4, 0xb8, 0x80]) }]],
  removeReports: [['2022-a1b2c3', 'nd-ffff']],
  undoRemove: ['mbx1-0a0b0c0d0e0f'],
  listTrash: [],
  restoreFromTrash: [{ tokens: ['mbx1-0a0b0c0d0e0f'], ids: ['2022-a1b2c3'] }],
  emptyTrash: [null],
  getTrashSettings: [],
  setTrashSettings: [{ retentionDays: 30 }],
  editMetadata: ['2022-a1b2c3', { body: '伊春市人民政府', year: 2022 }],
  dismissFinding: ['2022-a1b2c3', 'applications.balance:natural', '原表如此'],
  undismissFinding: ['2022-a1b2c3', 'applications.balance:natural'],
  listFindings: [{ rule: 'applications.balance', severity: 'error', includeDismissed: true }],
  search: [{ query: '行政复议 year:2022', page: 1, pageSize: 20 }],
  exportReport: [{ id: '2022-a1b2c3', format: 'html', chapter: 'applications', table: 'applications' }],
  listBodies: [],
  suggestDuplicateBodies: [],
  mergeBodies: ['沐阳县', '沭阳县'],
  renameBody: ['伊春市', '伊春市人民政府'],
  setBodyParent: ['淮安市洪泽区', '淮安市'],
  undoBodyChange: [],
  bodyTimeline: ['伊春市'],
  compareReports: ['2022-a1b2c3', '2023-d4e5f6'],
  yearOverview: [{ year: 2022, bodies: ['伊春市'], parent: '黑龙江省' }],
  exportDataset: [{ format: 'xlsx', year: 2022, body: '伊春', query: '行政复议', allVersions: true }],
};
