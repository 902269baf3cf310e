import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { handler as answerMeeting } from '#functions/exchange/answer-meeting.handler';
import { handler as askQuestion } from '#functions/exchange/ask-question.handler';
import { handler as cancelMeeting } from '#functions/exchange/cancel-meeting.handler';
import { handler as getMeeting } from '#functions/exchange/get-meeting.handler';
import { handler as listMeetings } from '#functions/exchange/list-meetings.handler';
import { handler as postMinutes } from '#functions/exchange/post-minutes.handler';
import { handler as scheduleMeeting } from '#functions/exchange/schedule-meeting.handler';
import { handler as sendDigest } from '#functions/exchange/send-digest.handler';
import { lambdaContext } from '#infra/local/api-event';
import { networkPk } from '#shared/db/keys';
import { queryAll } from '#shared/db/query';
import { type ScheduleSpec, useScheduler } from '#shared/scheduler/index';
import { type Claims, call, claims } from '#test/support/api';
import { givenNetwork } from '#test/support/networks';
import { deliverQueuedMail, useFileOutbox } from '#test/support/outbox';

const outbox = useFileOutbox();
const schedules = new Map<string, ScheduleSpec>();
useScheduler({
  upsert: async (s) => void schedules.set(s.name, s),
  remove: async (n) => void schedules.delete(n),
});

const partner = (net: string, n: number) => claims.partner(net, `${net}-p${n}`);
const inDays = (d: number) => {
  const t = new Date(Date.now() + d * 86_400_000);
  return `${t.toISOString().slice(0, 10)}T18:30`;
};
const meetingBody = (over: Record<string, unknown> = {}) => ({
  title: 'Erfa-Runde Winter',
  startsAt: inDays(10),
  durationMinutes: 120,
  place: 'Werkstatt Gruber, Mödling',
  agenda: [{ title: 'Kalkulation von Einbauküchen' }],
  ...over,
});
const schedule = (as: Claims, body: unknown) =>
  call(scheduleMeeting, { method: 'POST', path: '/exchange/meetings', claims: as, body });
const items = async (net: string) =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': networkPk(net) },
    })
  )
    .map((i) => JSON.stringify(i))
    .sort();

describe('experience meetings', () => {
  it('invites every partner with an iCalendar request, counts answers once per partner, reminds the day before, keeps minutes', async () => {
    // Prepare: a question to put on the agenda
    await givenNetwork('mt', ['mt-p1', 'mt-p2', 'mt-p3']);
    const q = await call(askQuestion, {
      method: 'POST',
      path: '/exchange/questions',
      claims: partner('mt', 1),
      body: { title: 'Wie kalkuliert ihr?', body: 'Frage', competences: ['carpentry'] },
    });
    // Act
    const made = await schedule(
      claims.coordinator('mt'),
      meetingBody({ agenda: [{ title: 'Kalkulation', postId: q.body.id }, { title: 'Lieferanten' }] }),
    );
    expect(made.status, made.text).toBe(201);
    const id = made.body.id as string;
    await deliverQueuedMail();
    const invites = (await outbox.read()).filter((m) => m.subject === 'Einladung: Erfa-Runde Winter');
    // three answers at once by one partner, one by another
    const rsvp = (n: number, answer: string) =>
      call(answerMeeting, {
        method: 'PUT',
        path: `/exchange/meetings/${id}/rsvp`,
        claims: partner('mt', n),
        body: { answer },
      });
    const answers = await Promise.all([rsvp(1, 'yes'), rsvp(1, 'yes'), rsvp(1, 'yes'), rsvp(2, 'no')]);
    // the reminder fires
    const spec = schedules.get(`exchange-meeting-mt-${id}`)!;
    await sendDigest(
      { ...spec.payload, scheduledTime: new Date().toISOString() },
      lambdaContext('r', 'r', 60_000),
    );
    await deliverQueuedMail();
    const reminders = (await outbox.read()).filter(
      (m) => m.subject === 'Erinnerung: morgen Erfa-Runde Winter',
    );
    const minutes = await call(postMinutes, {
      method: 'PUT',
      path: `/exchange/meetings/${id}/minutes`,
      claims: claims.coordinator('mt'),
      body: { minutes: '## Ergebnis\n\nWir teilen **Vorlagen**.' },
    });
    const seen = await call(getMeeting, {
      method: 'GET',
      path: `/exchange/meetings/${id}`,
      claims: partner('mt', 1),
    });
    // Assess: invitations with a parseable REQUEST naming the partner as attendee
    expect(invites.map((m) => m.to[0]).sort()).toEqual([
      'mt-p1@firm.example',
      'mt-p2@firm.example',
      'mt-p3@firm.example',
    ]);
    const ics = invites[0]!.attachments.find((a) => a.mimeType.startsWith('text/calendar'))!;
    const cal = new ICAL.Component(ICAL.parse(ics.content));
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.startDate.toJSDate().toISOString()).toBe(made.body.startsAt);
    expect(event.summary).toBe('Erfa-Runde Winter');
    expect(event.description).toBe('1. Kalkulation\n2. Lieferanten');
    expect(event.attendees[0]!.getFirstValue()).toBe(`mailto:${invites[0]!.to[0]}`);
    // Vienna in winter is UTC+1: 18:30 local is 17:30Z
    expect(made.body.startsAt.slice(11, 16)).toBe('17:30');
    expect(spec.expression).toBe(`at(${inDays(9)}:00)`);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['mt-p1@firm.example', 'mt-p3@firm.example']);
    expect(minutes.status).toBe(200);
    expect(seen.body).toMatchObject({ answers: { yes: 1, no: 1, maybe: 0 }, myAnswer: 'yes' });
    expect(seen.body.responses).toEqual([
      { partnerId: 'mt-p1', answer: 'yes' },
      { partnerId: 'mt-p2', answer: 'no' },
    ]);
    expect(seen.body.minutesHtml).toContain('<strong>Vorlagen</strong>');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    await givenNetwork('mb', ['mb-p1']);
    const before = await items('mb');
    const cases: [Record<string, unknown>, string][] = [
      [meetingBody({ place: undefined }), 'place'],
      [meetingBody({ startsAt: '2026-02-30T18:00' }), 'startsAt'],
      [meetingBody({ startsAt: '2001-01-01T18:00' }), 'startsAt'],
      [meetingBody({ onlineUrl: 'http://meet.example/x' }), 'onlineUrl'],
      [meetingBody({ agenda: [{ title: 'x', postId: 'no-such-post' }] }), 'agenda.0.postId'],
      [meetingBody({ durationMinutes: 5 }), 'durationMinutes'],
    ];
    for (const [body, field] of cases) {
      const res = await schedule(claims.coordinator('mb'), body);
      expect([res.status, res.body.errors?.map((e: { path: string }) => e.path)], field).toEqual([
        400,
        expect.arrayContaining([field]),
      ]);
    }
    const byPartner = await schedule(partner('mb', 1), meetingBody());
    expect(byPartner.status).toBe(403);
    expect(await items('mb')).toEqual(before);
  });

  it('another network learns nothing of a meeting (404) and cannot answer it', async () => {
    await givenNetwork('mu', ['mu-p1']);
    await givenNetwork('mv', ['mv-p1']);
    const made = await schedule(claims.coordinator('mu'), meetingBody());
    const id = made.body.id as string;
    const before = await items('mu');
    const statuses = [
      (await call(getMeeting, { method: 'GET', path: `/exchange/meetings/${id}`, claims: partner('mv', 1) }))
        .status,
      (
        await call(getMeeting, {
          method: 'GET',
          path: `/exchange/meetings/${id}`,
          claims: claims.coordinator('mv'),
        })
      ).status,
      (
        await call(answerMeeting, {
          method: 'PUT',
          path: `/exchange/meetings/${id}/rsvp`,
          claims: partner('mv', 1),
          body: { answer: 'yes' },
        })
      ).status,
      (
        await call(postMinutes, {
          method: 'PUT',
          path: `/exchange/meetings/${id}/minutes`,
          claims: claims.coordinator('mv'),
          body: { minutes: 'x' },
        })
      ).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect(await items('mu')).toEqual(before);
  });

  it('lists upcoming meetings soonest first; a cancellation mails a CANCEL with the same UID and a higher SEQUENCE, drops the reminder, once', async () => {
    // Prepare: two meetings, the later one scheduled first
    await givenNetwork('mc', ['mc-p1', 'mc-p2']);
    await givenNetwork('md', ['md-p1']);
    const late = await schedule(
      claims.coordinator('mc'),
      meetingBody({ title: 'Erfa Frühling', startsAt: inDays(40) }),
    );
    const soon = await schedule(
      claims.coordinator('mc'),
      meetingBody({ title: 'Erfa Winter', startsAt: inDays(5) }),
    );
    const lateId = late.body.id as string;
    await deliverQueuedMail();
    const list = (as: Claims, when?: string) =>
      call(listMeetings, {
        method: 'GET',
        path: `/exchange/meetings${when ? `?when=${when}` : ''}`,
        claims: as,
      });
    const cancel = (as: Claims, id: string) =>
      call(cancelMeeting, {
        method: 'POST',
        path: `/exchange/meetings/${id}/cancellation`,
        claims: as,
      });
    const upcoming = await list(partner('mc', 1));
    const past = await list(claims.coordinator('mc'), 'past');
    const other = await list(claims.coordinator('md'));
    const byPartner = await cancel(partner('mc', 1), lateId);
    const byOther = await cancel(claims.coordinator('md'), lateId);
    const badWhen = await list(partner('mc', 1), 'soon');
    // Act: two cancellations at once
    const both = await Promise.all([
      cancel(claims.coordinator('mc'), lateId),
      cancel(claims.coordinator('mc'), lateId),
    ]);
    await deliverQueuedMail();
    const mails = (await outbox.read()).filter((m) => m.subject === 'Abgesagt: Erfa Frühling');
    const rsvp = await call(answerMeeting, {
      method: 'PUT',
      path: `/exchange/meetings/${lateId}/rsvp`,
      claims: partner('mc', 1),
      body: { answer: 'yes' },
    });
    const after = await list(partner('mc', 2));
    // Assess
    expect(upcoming.body.items.map((m: { title: string }) => m.title)).toEqual([
      'Erfa Winter',
      'Erfa Frühling',
    ]);
    expect(past.body.items).toEqual([]);
    expect(other.body.items).toEqual([]);
    expect([byPartner.status, byOther.status]).toEqual([403, 404]);
    expect([badWhen.status, badWhen.body.errors[0].path]).toEqual([400, 'query.when']);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['mc-p1@firm.example', 'mc-p2@firm.example']);
    const ics = mails[0]!.attachments.find((a) => a.mimeType.startsWith('text/calendar'))!;
    const cal = new ICAL.Component(ICAL.parse(ics.content));
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toMatch(new RegExp(`^${lateId}@`));
    expect(event.sequence).toBe(1);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(schedules.has(`exchange-meeting-mc-${lateId}`)).toBe(false);
    expect(schedules.has(`exchange-meeting-mc-${soon.body.id}`)).toBe(true);
    expect(rsvp.status).toBe(409);
    expect(after.body.items.find((m: { id: string }) => m.id === lateId).cancelledAt).toBeDefined();
  });

  it('the weekly digest names the next meeting that is not cancelled', async () => {
    await givenNetwork('mg', ['mg-p1']);
    const first = await schedule(
      claims.coordinator('mg'),
      meetingBody({ title: 'Erfa abgesagt', startsAt: inDays(3) }),
    );
    await schedule(claims.coordinator('mg'), meetingBody({ title: 'Erfa Sommer', startsAt: inDays(20) }));
    await call(cancelMeeting, {
      method: 'POST',
      path: `/exchange/meetings/${first.body.id}/cancellation`,
      claims: claims.coordinator('mg'),
    });
    await sendDigest(
      { networkId: 'mg', scheduledTime: new Date().toISOString() },
      lambdaContext('d', 'd', 60_000),
    );
    await deliverQueuedMail();
    const digest = (await outbox.read()).find(
      (m) => m.subject.startsWith('Wissensaustausch') && m.to[0] === 'mg-p1@firm.example',
    )!;
    expect(digest.text).toContain('Nächste Erfa-Runde');
    expect(digest.text).toContain('Erfa Sommer');
    expect(digest.text).not.toContain('Erfa abgesagt');
    expect(digest.html).toContain('Erfa Sommer');
  });
});
