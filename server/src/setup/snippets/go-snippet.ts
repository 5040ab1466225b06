import { quoted, scriptTag, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Go with golang-jwt/jwt/v5, on net/http. */
export function goSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'go',
    label: 'Go',
    install: {
      title: 'Install (v5.2.2 builds with Go 1.19, as Debian 12 ships it; later v5 releases need a newer Go)',
      language: 'shell',
      code: 'go get github.com/golang-jwt/jwt/v5@v5.2.2',
    },
    mint: [
      {
        title: 'reqio/token.go',
        language: 'go',
        code: `package reqio

import (
	"errors"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const Audience = ${quoted(values.audience)}

// Traits are what a user, or their company, pays. Empty fields are left out of the token
// (omitempty): an empty interval must never reach Reqio as "".
type Traits struct {
	Plan     string \`json:"plan,omitempty"\`
	Amount   *int64 \`json:"amount,omitempty"\`   // integer cents as billed (reqio.Cents(4900) for $49.00); nil: unknown
	Interval string \`json:"interval,omitempty"\` // "month" or "year"
	Currency string \`json:"currency,omitempty"\` // ISO 4217 ("EUR"); empty: the project's currency
}

// Company is the paying account the user belongs to (B2B): its revenue counts once,
// however many of its people vote.
type Company struct {
	ID   string \`json:"id"\` // your account id as a string
	Name string \`json:"name,omitempty"\`
	Traits
}

// User is what the token says about the signed-in user.
type User struct {
	ID      string // your user id as a string (strconv.FormatInt(id, 10) for numeric ids)
	Email   string // optional
	Traits  Traits
	Company *Company // optional
}

// Cents is an amount for Traits: integer cents as billed.
func Cents(cents int64) *int64 { return &cents }

// Token returns a Reqio identity token for the user: HS256, valid for 300 seconds.
func Token(user User) (string, error) {
	secret := os.Getenv("REQIO_SECRET")
	if secret == "" {
		return "", errors.New("reqio: REQIO_SECRET is not set")
	}
	now := time.Now().Unix()
	claims := jwt.MapClaims{
		"sub":    user.ID,
		"aud":    Audience, // one string: jwt.RegisteredClaims would send an array
		"iat":    now,
		"exp":    now + 300, // at most 300 s after iat
		"traits": user.Traits,
	}
	if user.Email != "" {
		claims["email"] = user.Email
	}
	if user.Company != nil {
		claims["company"] = user.Company
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
}`,
      },
      {
        title: 'SPAs: the token endpoint (net/http)',
        language: 'go',
        code: `http.HandleFunc("/reqio-token", func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	user, ok := currentUser(r) // your own session lookup
	if !ok {
		http.Error(w, \`{"error":{"code":"unauthorized","message":"Sign in first."}}\`, http.StatusUnauthorized)
		return
	}
	token, err := reqio.Token(user)
	if err != nil { // no token for this user: the widget stays anonymous
		log.Printf("reqio: no identity token: %v", err)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"token": token})
})`,
      },
    ],
    embed: [
      {
        title: 'Server-rendered pages: your html/template, executed with ReqioToken set ("" when nobody is signed in)',
        language: 'html',
        code: scriptTag(values, '{{.ReqioToken}}'),
      },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
