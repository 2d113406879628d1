import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { once } from 'node:events';
import { DataExportsService } from '@causeway/ownership';

/**
 * GET /exports/:id?expires=&signature=: a READY archive, streamed chunk by chunk from PostgreSQL
 * (any API process serves it). No bearer token: the signed path is the credential, for 24 hours.
 * Anything else (forged, expired, not ready) is one plain 404.
 */
@Controller('exports')
export class DataExportController {
  private readonly logger = new Logger(DataExportController.name);

  constructor(private readonly exports: DataExportsService) {}

  @Get(':id')
  async download(
    @Param('id') id: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const archive =
      typeof expires === 'string' && typeof signature === 'string'
        ? await this.exports.openDownload(id, expires, signature)
        : null;
    res.setHeader('Cache-Control', 'no-store');
    if (!archive) {
      res.status(404).json({
        errors: [
          {
            message: 'This export link is not valid or has expired.',
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', String(archive.bytes));
    res.setHeader('Content-Disposition', `attachment; filename="causeway-export-${id}.json"`);
    for (let seq = 0; seq < archive.chunks; seq++) {
      const data = await this.exports.chunk(id, seq);
      if (!data || res.destroyed) {
        this.logger.warn(`export ${id}: download cut at chunk ${seq}`);
        res.destroy();
        return;
      }
      if (!res.write(data)) await once(res, 'drain');
    }
    res.end();
  }
}
