package timetable

import "testing"

// A FOSDEM-sized day (30 rooms, ~480 sessions) at 200×50 and 80×24.
func BenchmarkRenderFOSDEMDay200x50(b *testing.B) { benchRender(b, 200, 50) }
func BenchmarkRenderFOSDEMDay80x24(b *testing.B)  { benchRender(b, 80, 24) }

func benchRender(b *testing.B, w, h int) {
	d, _ := fosdemDay(30)
	b.Logf("%d sessions", d.Len())
	v := d.Follow(View{Width: w, Height: h, Cursor: d.First()})
	reportCPU(b, func() { d.Render(v, testStyles) })
}

// Building the day (placing 480 sessions) and moving the cursor.
func BenchmarkNewDayAndMove(b *testing.B) {
	d, names := fosdemDay(30)
	ss := d.sessions
	reportCPU(b, func() {
		nd := NewDay(ss, names)
		i := nd.First()
		for range 20 {
			i = nd.Right(i)
			i = nd.Down(i)
		}
	})
}
