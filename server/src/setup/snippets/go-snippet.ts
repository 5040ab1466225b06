import { quoted, scriptTag, spaEmbed } from './embed-snippets.js';
import type { Snippet, SnippetValues } from './snippet.js';

/** Go with golang-jwt/jwt/v5, on net/http. */
export function goSnippet(values: SnippetValues): Snippet {
  return {
    stack: 'go',
    label: 'Go',
    install: { title: 'Install', language: 'shell', code: 'go get github.com/golang-jwt/jwt/v5' },
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

// User is what the token says about the signed-in user.
type User struct {
	ID              string // your user id as a string (strconv.FormatInt(id, 10) for numeric ids)
	Email           string // optional
	Plan            string // optional
	AmountCents     int64  // integer cents as billed: 4900 for $49.00
	BillingInterval string // "month" or "year"
}

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
		"traits": map[string]any{"plan": user.Plan, "amount": user.AmountCents, "interval": user.BillingInterval},
	}
	if user.Email != "" {
		claims["email"] = user.Email
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
}`,
      },
      {
        title: 'SPAs: the token endpoint (net/http)',
        language: 'go',
        code: `http.HandleFunc("GET /reqio-token", func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	user, ok := currentUser(r) // your own session lookup
	if !ok {
		http.Error(w, \`{"error":{"code":"unauthorized","message":"Sign in first."}}\`, http.StatusUnauthorized)
		return
	}
	token, err := reqio.Token(user)
	if err != nil {
		http.Error(w, "could not mint a Reqio token", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"token": token})
})`,
      },
    ],
    embed: [
      { title: 'Server-rendered pages: your html/template, executed with ReqioToken set', language: 'html', code: scriptTag(values, '{{.ReqioToken}}') },
      ...spaEmbed(values, '/reqio-token'),
    ],
  };
}
