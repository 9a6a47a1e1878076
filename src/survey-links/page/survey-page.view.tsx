import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { FREE_TEXT_ITEM } from '../../livechat/survey/survey-rules';
import { CATALOGUES, LANGUAGES, say } from './language';
import type { Messages } from './messages/en';
import { PAGE_STYLE } from './page-style';
import type { FormErrorKey, JudgedForm } from './survey-form';

export interface PageContext {
  language: string;
  messages: Messages;
}

export interface FormView extends PageContext {
  agent: string | null;
  /** When the conversation ended (else began), shown as a date in the page's language. */
  date: Date;
  items: { name: string; label: string }[];
  values: readonly string[];
  maxLength: number;
  /** A refused submission, shown again with its errors; undefined on first show. */
  judged?: JudgedForm;
}

/** Every page: the language's words, the inline style, links to the other languages. */
function Page(props: PageContext & { title: string; children: ComponentChildren }) {
  return (
    <html lang={props.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex,nofollow" />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
      </head>
      <body>
        <main>
          <h1>{props.title}</h1>
          {props.children}
          <nav aria-label={props.messages.otherLanguages}>
            {props.messages.otherLanguages}
            <ul>
              {LANGUAGES.filter((tag) => tag !== props.language).map((tag) => (
                <li key={tag}>
                  <a href={`?lang=${tag}`} hrefLang={tag} lang={tag}>
                    {CATALOGUES[tag].languageName}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </main>
      </body>
    </html>
  );
}

const html = (page: VNode) => `<!doctype html>${renderToString(page)}`;

function FieldError(props: { id: string; error?: FormErrorKey; messages: Messages; max: number }) {
  if (!props.error) return null;
  return (
    <p class="error" id={props.id}>
      {say(props.messages, props.error, { max: props.max })}
    </p>
  );
}

function Item(props: { view: FormView; name: string; label: string }) {
  const { view, name } = props;
  const error =
    view.judged?.errors[name] ??
    (name === view.items[0]?.name ? view.judged?.errors.form : undefined);
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const first = view.values[0];
  const last = view.values[view.values.length - 1];
  return (
    <fieldset aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{props.label}</legend>
      <p class="hint" id={hintId}>
        {say(view.messages, 'scale', { first, last })}
      </p>
      <div class="scale">
        {view.values.map((value) => (
          <span key={value}>
            <input
              type="radio"
              id={`${name}-${value}`}
              name={name}
              value={value}
              checked={view.judged?.chosen[name] === value}
            />
            <label for={`${name}-${value}`}>{value}</label>
          </span>
        ))}
      </div>
      <FieldError id={errorId} error={error} messages={view.messages} max={view.maxLength} />
    </fieldset>
  );
}

/** The survey: the items as rows of large choices, the comment, one button; plain form POST. */
export function renderForm(view: FormView): string {
  const { messages, judged } = view;
  const date = new Intl.DateTimeFormat(view.language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(view.date);
  const intro = view.agent
    ? say(messages, 'introAgent', { agent: view.agent, date })
    : say(messages, 'introNoAgent', { date });
  const commentError = judged?.errors[FREE_TEXT_ITEM];
  return html(
    <Page language={view.language} messages={messages} title={messages.title}>
      <p>{intro}</p>
      {judged && (
        <p class="alert" role="alert">
          {messages.formErrors}
        </p>
      )}
      <form method="post">
        {view.items.map((item) => (
          <Item key={item.name} view={view} name={item.name} label={item.label} />
        ))}
        <label class="comment" for="comment">
          {messages.comment}
        </label>
        <textarea
          id="comment"
          name={FREE_TEXT_ITEM}
          rows={4}
          maxLength={view.maxLength}
          aria-invalid={commentError ? 'true' : undefined}
          aria-describedby={commentError ? 'comment-error' : undefined}
        >
          {judged?.comment ?? ''}
        </textarea>
        <FieldError
          id="comment-error"
          error={commentError}
          messages={messages}
          max={view.maxLength}
        />
        <button type="submit">{messages.submit}</button>
      </form>
    </Page>,
  );
}

export type NoticeKind = 'thanks' | 'answered' | 'expired' | 'gone' | 'unknown' | 'tooMany';

/** A page that only says something: thanks, already answered, expired, gone, unknown, wait. */
export function renderNotice(context: PageContext, kind: NoticeKind, seconds = 0): string {
  const { messages } = context;
  const title = messages[`${kind}Title`];
  const body = say(messages, `${kind}Body`, { seconds });
  return html(
    <Page language={context.language} messages={messages} title={title}>
      <p>{body}</p>
    </Page>,
  );
}
