import { scriptTag, singleQuoted, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Ruby with the jwt gem; the endpoint example is Rails. */
export function rubySnippet(values: SnippetValues): Snippet {
  return {
    stack: 'ruby',
    label: 'Ruby',
    install: { title: 'Install', language: 'shell', code: 'bundle add jwt' },
    mint: [
      {
        title: 'app/lib/reqio.rb',
        language: 'ruby',
        code: `require 'jwt'

module Reqio
  AUDIENCE = ${singleQuoted(values.audience)}

  # A Reqio identity token for the signed-in user: HS256, valid for 300 seconds.
  def self.token(user)
    amount = user.plan_amount_cents # integer cents as billed: 4900 for $49.00
    raise ArgumentError, 'Reqio traits.amount must be integer cents (4900, not 49.0)' unless amount.nil? || amount.is_a?(Integer)

    now = Time.now.to_i
    payload = {
      sub: user.id.to_s, # always a string
      aud: AUDIENCE, # one string
      iat: now,
      exp: now + 300, # at most 300 s after iat
      email: (user.email unless user.email.to_s.empty?), # nil when empty: '' is not an address
      traits: { plan: user.plan, amount: amount, interval: user.billing_interval } # interval: 'month' or 'year'
    }
    JWT.encode(payload, ENV.fetch('REQIO_SECRET'), 'HS256')
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
    render json: { token: Reqio.token(current_user) }
  end
end`,
      },
    ],
    embed: [
      { title: 'Server-rendered pages: app/views/layouts/application.html.erb', language: 'html', code: scriptTag(values, '<%= Reqio.token(current_user) if user_signed_in? %>') },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
