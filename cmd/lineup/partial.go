package main

import "github.com/lineup-tui/lineup/data"

// loadSessions is load for a command about a few sessions (show, rate,
// star, note): of the conference, only those sessions and their speakers are
// decoded (store.Sessions), with everyone else's ratings as load has them.
func (a *app) loadSessions(ids ...string) (*data.Conference, map[string]data.Personal, error) {
	slug, err := a.slug()
	if err != nil {
		return nil, nil, err
	}
	c, mine, err := a.st.Sessions(slug, ids...)
	if err := a.tolerate(mine, err); err != nil || c == nil {
		return nil, nil, err
	}
	return a.shown(slug, c, mine)
}
