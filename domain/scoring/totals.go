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
	groups := groupsOf(leaves)
	var out []Subtotal
	for _, g := range groups {
		out = append(out, g.sum)
		for _, l2 := range g.level2 {
			out = append(out, l2.sum)
		}
	}
	return out
}

// group is a level-1 group with its level-2 groups (first-appearance order), or a level-2 group;
// terms are what its sum adds, in order: a level-2 group's leaves, a level-1 group's level-2
// subtotals and its leaves without a level-2 name, each where it first appears.
type group struct {
	sum    Subtotal
	level2 []*group
	terms  []decimal.Decimal
}

// groupsOf groups leaves as Subtotals lists them; Subtotals and ExplainTotal both read it.
func groupsOf(leaves []Leaf) []*group {
	var order []*group
	byL1 := map[string]*group{}
	byL2 := map[[2]string]*group{}
	// Where each term of a level-1 group lies: a leaf (its index) or a level-2 group.
	type term struct {
		leaf int
		sub  *group
	}
	terms := map[*group][]term{}
	for i, l := range leaves {
		g := byL1[l.Level1]
		if g == nil {
			g = &group{sum: Subtotal{Level1: l.Level1}}
			byL1[l.Level1] = g
			order = append(order, g)
		}
		add(&g.sum, l)
		if l.Level2 == "" {
			terms[g] = append(terms[g], term{leaf: i})
			continue
		}
		s := byL2[[2]string{l.Level1, l.Level2}]
		if s == nil {
			s = &group{sum: Subtotal{Level1: l.Level1, Level2: l.Level2}}
			byL2[[2]string{l.Level1, l.Level2}] = s
			g.level2 = append(g.level2, s)
			terms[g] = append(terms[g], term{sub: s})
		}
		add(&s.sum, l)
		s.terms = append(s.terms, l.Score)
	}
	for _, g := range order {
		for _, t := range terms[g] {
			if t.sub != nil {
				g.terms = append(g.terms, t.sub.sum.Score)
			} else {
				g.terms = append(g.terms, leaves[t.leaf].Score)
			}
		}
	}
	return order
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
