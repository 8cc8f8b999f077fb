package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lineup-tui/lineup/data"
	"github.com/lineup-tui/lineup/data/notify"
)

// The clock's beat and the reminders. Every 30 seconds the root sends every
// screen a clockMsg (the Now screen works out what is on again) and looks for
// starred sessions about to start: the first one due shows as a banner above
// the help line until it starts ("starts in 4 min · Hall A1 · Kubernetes the
// very hard way") and, with notifications on, goes to the terminal as a
// notification too. A reminder is known by its session's id and start
// (data.ReminderKey), so a session a new version of the schedule moves is
// reminded of again at its new time.

// clockEvery is how often the screens follow the clock.
const clockEvery = 30 * time.Second

// clockMsg is the clock's beat, sent to every screen.
type clockMsg struct{}

// clockTick waits for the next beat.
func clockTick() tea.Cmd {
	return tea.Tick(clockEvery, func(time.Time) tea.Msg { return clockMsg{} })
}

// WithReminders sets how long before a starred session starts its banner
// shows (--remind); 0 turns reminders off. The default is
// data.DefaultReminderLead.
func WithReminders(lead time.Duration) Option {
	return func(sh *shared) { sh.remind = max(0, lead) }
}

// WithNotifications also sends each reminder to the terminal as a
// notification, by method (--notify; notify.For picks the method).
func WithNotifications(method notify.Method) Option {
	return func(sh *shared) { sh.notify, sh.notifyMethod = true, method }
}

// clockTicked follows the clock: the screens, then the reminders.
func (m *Model) clockTicked() tea.Cmd {
	return tea.Batch(clockTick(), m.toAll(clockMsg{}), m.remind())
}

// remind drops a banner whose session started, moved or was unstarred, and
// shows the next reminder due; with notifications on, the command sends it
// to the terminal.
func (m *Model) remind() tea.Cmd {
	sh := m.sh
	if sh.remind <= 0 {
		m.banner = nil
		return nil
	}
	now := sh.now()
	if b := m.banner; b != nil {
		s := sh.conf.Session(b.Session.ID)
		if s == nil || !sh.mine[s.ID].Starred || data.ReminderKey(s) != b.Key || !now.Before(s.Start) {
			m.banner = nil
		}
	}
	if m.fired == nil {
		m.fired = map[string]bool{}
	}
	due := data.DueReminders(data.StarredSessions(sh.conf.Sessions, sh.mine), sh.remind, now, m.fired)
	if len(due) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	for _, r := range due {
		m.fired[r.Key] = true
		sh.log.Printf("reminder: %s", r.Text())
		if sh.notify {
			cmds = append(cmds, tea.Raw(notify.Sequence(sh.notifyMethod, "lineup", r.Text())))
		}
	}
	first := due[0]
	m.banner = &first
	return tea.Batch(cmds...)
}

// bannerLine is the reminder banner's text at now, "" when none shows.
func (m *Model) bannerLine() string {
	b := m.banner
	if b == nil {
		return ""
	}
	s := m.sh.conf.Session(b.Session.ID)
	if s == nil || data.ReminderKey(s) != b.Key {
		return "" // moved by a new version of the schedule: due again later
	}
	in := s.Start.Sub(m.sh.now())
	if in < 0 {
		return ""
	}
	return data.StartsInText(s, in)
}
