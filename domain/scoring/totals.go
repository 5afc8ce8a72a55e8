package scoring

import "github.com/shopspring/decimal"

// Leaf is one scored leaf indicator with its level-1 and level-2 group names.
type Leaf struct {
	Level1, Level2 string
	Score, Weight  decimal.Decimal
}

// Subtotal is the score and weight of a group of leaves. Level2 "" = a level-1 subtotal.
type Subtotal struct {
	Level1, Level2 string
	Score, Weight  decimal.Decimal
}

// Subtotals returns one entry per level-1 group followed by its level-2 groups, in first-appearance order
// of the leaves. Subtotals are plain sums of the leaves' (already rounded) scores and weights. A leaf
// without a level-2 name counts toward its level-1 group only.
func Subtotals(leaves []Leaf) []Subtotal {
	type group struct {
		sum    Subtotal
		level2 []string // first-appearance order
		byL2   map[string]*Subtotal
	}
	var order []string
	groups := map[string]*group{}
	for _, l := range leaves {
		g := groups[l.Level1]
		if g == nil {
			g = &group{sum: Subtotal{Level1: l.Level1}, byL2: map[string]*Subtotal{}}
			groups[l.Level1] = g
			order = append(order, l.Level1)
		}
		add(&g.sum, l)
		if l.Level2 == "" {
			continue
		}
		s := g.byL2[l.Level2]
		if s == nil {
			s = &Subtotal{Level1: l.Level1, Level2: l.Level2}
			g.byL2[l.Level2] = s
			g.level2 = append(g.level2, l.Level2)
		}
		add(s, l)
	}
	var out []Subtotal
	for _, name := range order {
		g := groups[name]
		out = append(out, g.sum)
		for _, l2 := range g.level2 {
			out = append(out, *g.byL2[l2])
		}
	}
	return out
}

func add(s *Subtotal, l Leaf) {
	s.Score = s.Score.Add(l.Score)
	s.Weight = s.Weight.Add(l.Weight)
}

// Total returns the plain sum of already rounded scores: §5 adds rounded indicator scores, it does not
// round a sum of exact ones.
func Total(scores []decimal.Decimal) decimal.Decimal {
	var t decimal.Decimal
	for _, s := range scores {
		t = t.Add(s)
	}
	return t
}
