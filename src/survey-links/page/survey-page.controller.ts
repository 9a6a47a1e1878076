import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { appConfig, type AppConfig } from '../../config/app.config';
import { RequestCounter } from '../../rate-limit/request-counter';
import { negotiateLanguage } from './language';
import { PAGE_CSP } from './page-style';
import { SurveyPageService, type PageAnswer } from './survey-page.service';

/**
 * The hosted survey page (HTML, not part of the JSON API): GET shows it, POST (a plain form)
 * answers it, then redirects to its thanks. The URL is a credential: never cached, never sent
 * on as a Referer, never framed.
 */
@ApiExcludeController()
@Controller('survey')
export class SurveyPageController {
  constructor(
    private readonly page: SurveyPageService,
    private readonly counter: RequestCounter,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const context = this.page.context(language(req));
    const wait = await this.limited(req, 'GET');
    const answer = wait
      ? this.page.notice(context, 'tooMany', wait)
      : await this.page.show(id, context);
    send(res, answer, req, wait);
  }

  @Post(':id')
  @HttpCode(200)
  async answer(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const context = this.page.context(language(req));
    const wait = await this.limited(req, 'POST');
    const answer = wait
      ? this.page.notice(context, 'tooMany', wait)
      : await this.page.answer(id, body, context);
    send(res, answer, req, wait);
  }

  @Get(':id/thanks')
  async thanks(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const context = this.page.context(language(req));
    const wait = await this.limited(req, 'GET');
    const answer = wait
      ? this.page.notice(context, 'tooMany', wait)
      : await this.page.thanks(id, context);
    send(res, answer, req, wait);
  }

  /**
   * Rocket.Chat's numbers for its livechat routes, per client IP: RATE_LIMIT_MAX requests per
   * RATE_LIMIT_WINDOW_MS, for the page and for its POST. Seconds to wait when over, else 0.
   */
  private async limited(req: Request, method: string): Promise<number> {
    const { enabled, max, windowMs } = this.config.rateLimit;
    if (!enabled) return 0;
    const used = await this.counter.count(
      `livechat-survey:survey-page:${method}:${req.ip}`,
      windowMs,
    );
    if (used.hits <= max) return 0;
    return Math.max(1, Math.ceil((used.resetAt - Date.now()) / 1000));
  }
}

function language(req: Request): string {
  return negotiateLanguage(req.header('accept-language'), req.query.lang);
}

function send(res: Response, answer: PageAnswer, req: Request, wait: number): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  if (wait) res.setHeader('Retry-After', String(wait));
  if ('redirect' in answer) {
    // The page's language choice (?lang=) goes along.
    const q = req.originalUrl.indexOf('?');
    res.redirect(303, `${answer.redirect}${q >= 0 ? req.originalUrl.slice(q) : ''}`);
    return;
  }
  res.status(answer.status).type('html').send(answer.html);
}
