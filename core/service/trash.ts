/** The trash (回收站): removals kept across restarts, restored or deleted for good, and how long they are kept. */
import type { RestoreResult, TrashListing, TrashSelection, TrashSettings } from '../api.ts';
import type { ServiceContext } from './context.ts';

export class TrashFeature {
  constructor(private readonly ctx: ServiceContext) {}

  async listTrash(): Promise<TrashListing> {
    await this.ctx.refresh();
    const [batches, settings] = await Promise.all([this.ctx.archive.listTrash(), this.ctx.archive.settings()]);
    return { batches, retentionDays: settings.trashRetentionDays };
  }

  async restoreFromTrash(selection: TrashSelection): Promise<RestoreResult> {
    const { restored, skipped, effect } = await this.ctx.archive.restoreFromTrash(selection);
    await this.ctx.indexEffect(effect);
    return { restored, skipped };
  }

  emptyTrash(tokens: string[] | null): Promise<number> {
    return this.ctx.archive.emptyTrash(tokens);
  }

  async getTrashSettings(): Promise<TrashSettings> {
    return { retentionDays: (await this.ctx.archive.settings()).trashRetentionDays };
  }

  async setTrashSettings(settings: TrashSettings): Promise<TrashSettings> {
    const next = await this.ctx.archive.updateSettings({ trashRetentionDays: settings.retentionDays });
    return { retentionDays: next.trashRetentionDays };
  }
}
