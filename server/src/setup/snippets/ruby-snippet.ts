import { scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Ruby with the jwt gem; the endpoint example is Rails. */
export function rubySnippet(values: SnippetValues): Snippet {
  return {
    stack: 'ruby',
    label: 'Ruby',
    install: { title: 'Install', language: 'shell', code: "bundle add jwt  # 2.x" },
    mint: [
      {
        title: 'app/lib/reqio.rb',
        language: 'ruby',
        code: `require 'jwt'

module Reqio
  AUDIENCE = ${singleQuoted(values.audience)}

  # plan, amount (integer cents as billed: 4900 for $49.00), interval and currency of a user or company.
  def self.account(row)
    amount = row.amount_cents
    amount = Integer(amount, 10) if amount.is_a?(String) && amount.match?(/\\A\\d+\\z/) # "4900" from a database
    raise ArgumentError, 'Reqio amount must be integer cents (4900, not 49.0)' unless amount.nil? || (amount.is_a?(Integer) && amount >= 0)

    # interval: 'month' or 'year'; currency: ISO 4217 ('EUR'), nil for the project's currency
    { plan: row.plan, amount: amount, interval: row.billing_interval, currency: row.currency }
  end

  # A Reqio identity token for the signed-in user (HS256, valid for 300 seconds); '' when nobody is.
  def self.token(user)
    return '' if user.nil?

    now = Time.now.to_i
    payload = {
      sub: user.id.to_s, # always a string
      aud: AUDIENCE, # one string
      iat: now,
      exp: now + 300, # at most 300 s after iat
      email: (user.email unless user.email.to_s.empty?), # nil when empty: '' is not an address
      traits: account(user)
    }
    company = user.respond_to?(:company) ? user.company : nil
    # B2B: the paying account, counted once however many of its people vote.
    payload[:company] = { id: company.id.to_s, name: company.name, **account(company) } if company
    JWT.encode(payload, ENV.fetch('REQIO_SECRET'), 'HS256')
  rescue ArgumentError => e # a bad amount: no token, the page still renders
    warn "reqio: no identity token: #{e.message}"
    ''
  end
end`,
      },
      {
        title: 'SPAs: the token endpoint (Rails controller; route get "/reqio-token" => "reqio_tokens#show")',
        language: 'ruby',
        code: `class ReqioTokensController < ApplicationController
  before_action :authenticate_user!

  def show
    response.headers['Cache-Control'] = 'no-store'
    token = Reqio.token(current_user)
    # 204: no token for this user (see the log); the widget stays anonymous.
    token.empty? ? head(:no_content) : render(json: { token: token })
  end
end`,
      },
    ],
    embed: [
      { title: "Server-rendered pages: app/views/layouts/application.html.erb ('' when nobody is signed in)", language: 'html', code: scriptTag(values, '<%= Reqio.token(current_user) %>') },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
