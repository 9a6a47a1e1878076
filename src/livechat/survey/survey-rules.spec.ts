import { SurveyRules } from './survey-rules';

const rules = new SurveyRules({
  items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
  values: ['1', '2', '3', '4', '5'],
});

describe('SurveyRules.keep', () => {
  it('keeps configured items with allowed values and additionalFeedback with any text', () => {
    expect(
      rules.keep([
        { name: 'satisfaction', value: '5' },
        { name: 'agentResposiveness', value: '1' },
        { name: 'additionalFeedback', value: 'anything at all' },
      ]),
    ).toEqual({
      satisfaction: '5',
      agentResposiveness: '1',
      additionalFeedback: 'anything at all',
    });
  });

  it('drops unknown names, disallowed values and the correctly spelled agentResponsiveness', () => {
    expect(
      rules.keep([
        { name: 'satisfaction', value: '6' },
        { name: 'satisfaction', value: '' },
        { name: 'agentResponsiveness', value: '5' },
        { name: 'Satisfaction', value: '5' },
        { name: 'agentKnowledge', value: '5 ' },
      ]),
    ).toBeNull();
  });

  it('keeps the last value of a repeated name', () => {
    expect(
      rules.keep([
        { name: 'satisfaction', value: '1' },
        { name: 'satisfaction', value: '9' },
        { name: 'satisfaction', value: '4' },
      ]),
    ).toEqual({ satisfaction: '4' });
  });

  it('treats __proto__ and constructor as data: dropped, with no effect on the result', () => {
    const kept = rules.keep([
      { name: '__proto__', value: '5' },
      { name: 'constructor', value: '5' },
      { name: 'satisfaction', value: '2' },
    ]);
    expect(kept).toEqual({ satisfaction: '2' });
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.keys(kept!)).toEqual(['satisfaction']);
  });

  it('returns null for nothing kept', () => {
    expect(rules.keep([{ name: 'question', value: 'answer' }])).toBeNull();
  });

  it('follows configured items and values', () => {
    const custom = new SurveyRules({ items: ['speed'], values: ['good', 'bad'] });
    expect(
      custom.keep([
        { name: 'speed', value: 'good' },
        { name: 'satisfaction', value: '5' },
      ]),
    ).toEqual({
      speed: 'good',
    });
  });
});
