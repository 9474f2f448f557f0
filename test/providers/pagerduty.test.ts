// PagerDuty v3: the official Go client's vectors (go-pagerduty webhookv3/webhookv3_test.go) both
// ways, the rotation lists PagerDuty documents ("concatenated using comma separation", "at least one
// of the signatures matches"), and interop with the documented recipe, first proven on that vector.
import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { pagerduty } from '../../providers/pagerduty.js'
import { sign, verifyAny, verifyWebhook, WebhookVerificationError } from '../../src/index.js'

const GO = {
  secret: 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK',
  body: '{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}',
  valid: 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd',
  mismatch: 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5',
}
const HEADER = 'X-PagerDuty-Signature'
const recipe = (secret: string | Uint8Array, body: string | Uint8Array) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`
const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof WebhookVerificationError ? e.code : `not ours: ${String(e)}`))
const check = (value: string, secret: string | Uint8Array | readonly string[] = GO.secret, body: string = GO.body) => code(verifyWebhook({ headers: { [HEADER]: value }, body }, 'pagerduty', secret))

describe("go-pagerduty's vectors", () => {
  test('node:crypto in the documented format reproduces the valid one', () => {
    expect(recipe(GO.secret, GO.body)).toBe(GO.valid)
  })

  test('our sign() writes exactly the valid signature', async () => {
    expect((await sign('pagerduty', { payload: GO.body, secret: GO.secret }))[HEADER]).toBe(GO.valid)
  })

  test('"valid" verifies, "mismatch" does not; the secret is used verbatim, not base64-decoded', async () => {
    expect(await check(GO.valid)).toBe('accepted')
    expect(await check(GO.mismatch)).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await check(GO.valid, Buffer.from(GO.secret, 'base64'))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
    expect(await check(recipe(Buffer.from(GO.secret, 'base64'), GO.body))).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })
})

describe('signature lists', () => {
  test('any v1 entry may match, in any position, with or without spaces after the commas', async () => {
    expect(await check(`${GO.mismatch},${GO.valid}`)).toBe('accepted')
    expect(await check(`${GO.valid},${GO.mismatch}`)).toBe('accepted')
    expect(await check(`${GO.mismatch}, ${GO.valid}`)).toBe('accepted')
    expect(await check(`${GO.mismatch},${GO.mismatch}`)).toBe('ERR_WEBHOOK_SIGNATURE_MISMATCH')
  })

  test('other versions and non-hex entries are skipped; a header with no usable v1 entry is malformed', async () => {
    const digest = GO.valid.slice(3)
    expect(await check(`v2=${digest},${GO.valid}`)).toBe('accepted')
    expect(await check(`v1=not-hex,${GO.valid}`)).toBe('accepted')
    expect(await check(`v2=${digest}`)).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await check(digest)).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await check('')).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
    expect(await check(Array.from({ length: 40 }, () => GO.mismatch).join(','))).toBe('ERR_WEBHOOK_MALFORMED_SIGNATURE')
  })

  test('a delivery signed for two subscription secrets verifies with either; our rotation list finds the one', async () => {
    const body = '{"event":{"event_type":"incident.triggered","data":{"title":"Température 🔥"}}}'
    const header = `${recipe('old-secret', body)},${recipe('new-secret', body)}`
    expect(await check(header, 'old-secret', body)).toBe('accepted')
    expect(await check(header, 'new-secret', body)).toBe('accepted')
    const result = await verifyWebhook({ headers: { [HEADER]: header, 'X-Webhook-Id': 'wh-1' }, body }, 'pagerduty', ['unrelated', 'new-secret'])
    expect(result.matchedSecret).toBe(1)
    expect(result.id).toBe('wh-1')
  })
})

describe('interop with the documented recipe', () => {
  test.each([['emoji', '{"t":"🚨 höhe"}'], ['CRLF', 'a\r\nb'], ['empty', '']])('%s', async (_, body) => {
    const secret = 'pd-secret-Xy+/=='
    const headers = await sign('pagerduty', { payload: body, secret, id: 'd-1' })
    expect(headers).toEqual({ 'X-Webhook-Id': 'd-1', [HEADER]: recipe(secret, body) })
    expect((await verifyWebhook({ headers, body }, 'pagerduty', secret)).id).toBe('d-1')
  })
})

describe('the preset', () => {
  test('v1= hex list, id from X-Webhook-Id, no timestamp', () => {
    const scheme = pagerduty()
    expect(scheme.algorithms).toEqual({ v1: 'hmac-sha256' })
    expect(scheme.separator).toBe(',')
    expect(scheme.idHeader).toBe('X-Webhook-Id')
    expect(scheme.timestamp).toBeUndefined()
  })

  test('verifyAny recognises a PagerDuty delivery', async () => {
    const result = await verifyAny({ headers: { [HEADER]: GO.valid, 'X-Webhook-Id': 'x' }, body: GO.body }, { github: 'gh', coinbase: 'cb', pagerduty: GO.secret })
    expect(result.provider).toBe('pagerduty')
  })
})
